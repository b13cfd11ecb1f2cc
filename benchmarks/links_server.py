"""A fast local web server for the links benchmark: 127.0.0.1 only, one small Thai page for every path.

    python benchmarks/links_server.py PORTFILE [--sites N] [--lifetime SECONDS]

Listens on N ports (N "sites", so per-site limits apply as they would nationally), writes the
first port to PORTFILE, and stops by itself after --lifetime seconds whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>ข้อมูลสาธารณะ</title></head><body>"
    "<h1>แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2567</h1>"
    + "<p>องค์การบริหารส่วนตำบลเผยแพร่ข้อมูลต่อสาธารณะเพื่อความโปร่งใส</p>" * 20
    + "</body></html>"
).encode()
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
    + str(len(PAGE)).encode()
    + b"\r\nConnection: keep-alive\r\n\r\n"
    + PAGE
)


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            if not head:
                break
            writer.write(RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port_file: Path, sites: int, lifetime: float) -> None:
    servers = [await asyncio.start_server(serve, "127.0.0.1", 0, backlog=1024) for _ in range(sites)]
    ports = [server.sockets[0].getsockname()[1] for server in servers]
    port_file.write_text(" ".join(map(str, ports)), encoding="utf-8")
    await asyncio.sleep(lifetime)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port_file", type=Path)
    parser.add_argument("--sites", type=int, default=32)
    parser.add_argument("--lifetime", type=float, default=600)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.port_file, arguments.sites, arguments.lifetime))
