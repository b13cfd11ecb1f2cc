"""The command layer: one module per command, each parsing its options, calling the core once and
choosing an output. `COMMANDS` is the list the app is built from (cli.py), in the order help
shows them; a module's `register(app)` adds its command. Shared options are in options.py, error
handling in running.py, the console streams in streams.py."""

COMMANDS: dict[str, str] = {  # command name -> module
    "check": "check",
    "validate": "validate",
    "render": "render",
    "scaffold": "scaffold",
    "init": "init",
    "rollover": "rollover",
    "export": "export",
    "scores": "scores",
    "letters": "letters",
    "links": "links",
    "intake": "intake",
    "bundle": "bundle",
    "timeline": "timeline",
    "compare": "compare",
    "units": "units",
}
