"""The validators itapack's readers run, as lxml runs them: real XML Schema validation against the
schemas vendored in tests/schemas/ (their sources are in tests/schemas/README.md).

- JUnit: junit-10.xsd, the schema Jenkins' xunit plugin checks every report against.
- DOCX: every XML part against the ECMA-376 (5th edition) schemas: the WordprocessingML parts
  against wml.xsd (transitional), the theme against dml-main.xsd, the package's content types and
  relationships against the OPC schemas, docProps/app.xml, and the custom XML parts python-docx's
  template carries against theirs.

Before a part is validated, its markup-compatibility attributes are processed as ECMA-376 Part 3
(Markup Compatibility and Extensibility) tells every reader to: a namespace listed in
`mc:Ignorable` that the reader does not understand is dropped with its elements and attributes
(python-docx's template marks Word 2010's w14 extensions so, as Word itself does). Nothing else is
removed: an element or attribute the schema does not allow, in any other namespace, still fails.
"""

from __future__ import annotations

import functools
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
XS = "http://www.w3.org/2001/XMLSchema"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

# The namespace of each schema a DOCX part is validated against, and the file that defines it.
OOXML = {
    "http://www.w3.org/XML/1998/namespace": "xml.xsd",  # first: wml.xsd imports it without a location
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-relationships.xsd",
    EXTENDED: "shared-documentPropertiesExtended.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/bibliography": "shared-bibliography.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/customXml": "shared-customXmlDataProperties.xsd",
}

# Parts no vendored schema covers, each with the reason. docProps/core.xml's schema
# (opc-coreProperties.xsd) imports the Dublin Core schemas from dublincore.org, which are not
# vendored here; its elements are plain text and dates that python-docx writes.
NOT_VALIDATED = {"docProps/core.xml"}


@functools.cache
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@functools.cache
def ooxml_schema() -> etree.XMLSchema:
    """One schema that imports every namespace above, so a part of any of them validates."""
    driver = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    for namespace, file in OOXML.items():
        etree.SubElement(driver, f"{{{XS}}}import", namespace=namespace, schemaLocation=(SCHEMAS / file).as_uri())
    return etree.XMLSchema(driver)


@functools.cache
def understood() -> frozenset[str]:
    """The namespaces the vendored schemas define: what this reader understands (ECMA-376 Part 3)."""
    return frozenset(
        str(etree.parse(str(path)).getroot().get("targetNamespace"))
        for path in SCHEMAS.glob("*.xsd")
        if path.name != "junit-10.xsd"
    )


def process_markup_compatibility(root: etree._Element) -> etree._Element:
    """Drop what mc:Ignorable lets a reader drop (ECMA-376 Part 3, 10.1.1); refuse the rest of
    Part 3's markup (AlternateContent, MustUnderstand, ProcessContent), which itapack never writes."""

    def walk(element: etree._Element, ignorable: frozenset[str]) -> None:
        for name in list(element.attrib):
            namespace = etree.QName(name).namespace
            if name == f"{{{MC}}}Ignorable":
                prefixes = str(element.attrib.pop(name)).split()
                ignorable |= {element.nsmap[prefix] for prefix in prefixes} - understood()
            elif namespace == MC:
                raise AssertionError(f"markup compatibility itapack does not write: {name}")
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable:
                del element.attrib[name]
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            namespace = etree.QName(child).namespace
            if namespace == MC:
                raise AssertionError(f"markup compatibility itapack does not write: {child.tag}")
            if namespace in ignorable:
                element.remove(child)
            else:
                walk(child, ignorable)

    walk(root, frozenset())
    return root


@dataclass(frozen=True)
class Invalid:
    """One part the schema refuses, with the validator's first messages."""

    part: str
    errors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.part}: " + "; ".join(self.errors)


def invalid(schema: etree.XMLSchema, root: etree._Element, part: str) -> Invalid | None:
    if schema.validate(root):
        return None
    return Invalid(part, tuple(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]))


def validate_junit(text: str) -> Invalid | None:
    return invalid(junit_schema(), etree.fromstring(text.encode("utf-8")), "junit")


def validate_part(data: bytes, part: str) -> Invalid | None:
    """One XML part of an Office package against its ECMA-376 schema, as a reader sees it (Part 3 first)."""
    return invalid(ooxml_schema(), process_markup_compatibility(etree.fromstring(data)), part)


def xml_parts(archive: zipfile.ZipFile) -> list[str]:
    """Every part the package's [Content_Types].xml says is XML, by extension or override."""
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    xml_extensions = {d.get("Extension", "").lower() for d in types if d.get("ContentType", "").endswith("xml")}
    overridden = {o.get("PartName", "").lstrip("/") for o in types if o.get("ContentType", "").endswith("xml")}
    names = [n for n in archive.namelist() if not n.endswith("/")]
    return [n for n in names if n.rsplit(".", 1)[-1].lower() in xml_extensions or n in overridden]


def validate_docx(path: Path) -> list[Invalid]:
    """Every XML part of the DOCX (but NOT_VALIDATED) against its ECMA-376 schema."""
    with zipfile.ZipFile(path) as archive:
        parts = xml_parts(archive)
        assert "[Content_Types].xml" in parts and "word/document.xml" in parts, parts
        found = [validate_part(archive.read(part), part) for part in parts if part not in NOT_VALIDATED]
    return [refused for refused in found if refused is not None]
