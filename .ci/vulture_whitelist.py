"""Names vulture (.ci/run's dead-code check) cannot see used: each is read by a library or a file
format, not by our code. A name that is simply unused does not belong here: remove the code.
(vulture keeps one set of used names, so `_.name` covers a variable, a field or a method.)"""

# ruff: noqa: B018
_ = object()

# Settings of python-docx, zipfile, fpdf2 and expat objects: set by us, read by the library.
_.alignment, _.autofit, _.bottom_margin, _.top_margin, _.page_height, _.orientation, _.header_distance
_.different_first_page_header_footer, _.first_line_indent, _.left_indent, _.keep_together, _.keep_with_next
_.line_spacing, _.line_spacing_rule, _.space_after, _.space_before, _.last_modified_by, _.revision
_.create_system, _.external_attr, _.oversized_images, _.StartDoctypeDeclHandler
_.is_linked_to_previous, _.footer_distance, _.shape_text

# Hooks a framework calls: click's context and formatter, HTMLParser's handlers, a stream's
# writelines, pydantic's plugin loader, module __getattr__, and the unused arguments of
# __exit__ and signal handlers.
_.context_class, _.help, _.get_plugins, _.__getattr__, _.handle_data, _.handle_endtag, _.handle_starttag
_.writelines, _.options_metavar, _.display_type_rich
# The tests' local web server (tests/links/conftest.py): http.server's handler and server hooks.
_.do_GET, _.log_message, _.handle_error, _.protocol_version, _.daemon_threads, _.client_address, _.request
_.close_connection
_.__call__, _.formatter_class, _.exc, _.frame

# Fields of YAML, JSON and templates: read by pydantic, by the report template, or by whoever
# reads the file (pack.yaml's itapack, a catalogue's pass_mark, a fetched page's revalidated).
_.model_config, _.itapack, _.pass_mark, _.reverse, _.instrument_score_basis, _.href, _.revalidated, _.SOFT_CODES

# Typer reads these: the global --lang (handled before typer parses) and a choice's value.
_.lang, _.off

# Writers the output format registry (outputs/formats.py) names as "module:function" text;
# tests/test_dead_code.py holds this list in step with the registry.
_.emit_xlsx, _.docx_bytes, _.html_bytes, _.to_text, _.write_json

# python-docx writes <w:keepNext/> when its property is set (ooxml.keep_table_with_next)
_.keepNext_val
