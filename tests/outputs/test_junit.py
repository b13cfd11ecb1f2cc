from xml.etree import ElementTree as ET

from itapack.outputs import junit

from ..conftest import EXAMPLE, run_check


def test_one_case_per_requirement_one_suite_per_level() -> None:
    result = run_check(EXAMPLE)
    root = ET.fromstring(junit.dumps(result).encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"ระดับ {n}" for n in range(1, 6)]
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == result.required == int(root.get("tests"))
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == int(root.get("failures")) == result.required - result.satisfied
    missing = [c for c in cases if c.get("name").startswith("4.4 ")]
    assert missing[0].find("failure").get("type") == "missing"
    assert "evidence/4.4 " in missing[0].find("failure").text
    unit_cases = [c.get("name") for c in cases if "[องค์การบริหารส่วนตำบลบางยอ]" in c.get("name")]
    assert len(unit_cases) == 2  # 3.1 and 5.1


# The report against Jenkins' own schema (junit-10.xsd, vendored in tests/schemas/): test_validators.py.
