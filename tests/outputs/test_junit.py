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


# What Jenkins' xunit plugin (junit-10.xsd) requires of a report, restated: every suite has a name,
# tests, failures and errors; every case a name; a case holds skipped, failure, error, system-out
# and system-err in any order. A report that omits `errors` is rejected whole.
JENKINS_JUNIT = """\
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="outcome" mixed="true">
    <xs:attribute name="type" type="xs:string"/>
    <xs:attribute name="message" type="xs:string"/>
  </xs:complexType>
  <xs:element name="property">
    <xs:complexType>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="value" type="xs:string" use="required"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="properties">
    <xs:complexType>
      <xs:sequence><xs:element ref="property" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="testcase">
    <xs:complexType>
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element name="skipped" type="outcome"/>
        <xs:element name="failure" type="outcome"/>
        <xs:element name="error" type="outcome"/>
        <xs:element name="system-out" type="xs:string"/>
        <xs:element name="system-err" type="xs:string"/>
      </xs:choice>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="classname" type="xs:string"/>
      <xs:attribute name="time" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuite">
    <xs:complexType>
      <xs:choice minOccurs="0" maxOccurs="unbounded">
        <xs:element ref="properties"/>
        <xs:element ref="testcase"/>
      </xs:choice>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="xs:string" use="required"/>
      <xs:attribute name="failures" type="xs:string" use="required"/>
      <xs:attribute name="errors" type="xs:string" use="required"/>
      <xs:attribute name="skipped" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuites">
    <xs:complexType>
      <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="tests" type="xs:string"/>
      <xs:attribute name="failures" type="xs:string"/>
      <xs:attribute name="errors" type="xs:string"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
"""


def test_the_report_validates_as_jenkins_reads_junit() -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.fromstring(JENKINS_JUNIT.encode()))
    report = etree.fromstring(junit.dumps(run_check(EXAMPLE)).encode("utf-8"))
    assert schema.validate(report), schema.error_log
    assert {suite.get("errors") for suite in report.iter("testsuite")} == {"0"}
    for suite in report.iter("testsuite"):  # without errors, the whole report is refused
        del suite.attrib["errors"]
        break
    assert not schema.validate(report)
