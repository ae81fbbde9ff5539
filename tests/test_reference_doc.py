"""docs/reference.md names every public name, member and parameter of the public modules.

Headings: ``### `module.name``` for each name in a module's ``__all__``, ``#### `Class.member```
for each public method, property and attribute a cronwall class defines itself. An entry is
the text from its heading to the next heading; each callable's parameter names (a class's
constructor's, a method's) must appear in its entry, so a signature change without a doc
change fails here. TypedDict keys and Literal values must appear in their entries too.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
import typing
from pathlib import Path

import pytest

import cronwall
import cronwall.apscheduler
import cronwall.celery
import cronwall.pydantic
import cronwall.testing  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"
MODULES = (
    "cronwall",
    "cronwall.testing",
    "cronwall.celery",
    "cronwall.apscheduler",
    "cronwall.pydantic",
)
_HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$", re.MULTILINE)


def _entries() -> dict[str, tuple[int, str]]:
    """Heading text -> (its level, the text up to the next heading of any level)."""
    text = REFERENCE.read_text(encoding="utf-8")
    # Headings inside fenced code blocks are not headings.
    fenced = [m.span() for m in re.finditer(r"^```.*?^```", text, re.MULTILINE | re.DOTALL)]
    matches = [m for m in _HEADING.finditer(text) if not any(a <= m.start() < b for a, b in fenced)]
    entries: dict[str, tuple[int, str]] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = len(text) if following is None else following.start()
        title = match.group(2)
        assert title not in entries, f"docs/reference.md has the heading {title!r} twice"
        entries[title] = (len(match.group(1)), text[match.end() : end])
    return entries


ENTRIES = _entries()


def _public(module_name: str) -> list[tuple[str, str, object]]:
    module = importlib.import_module(module_name)
    return [(module_name, name, getattr(module, name)) for name in module.__all__]


PUBLIC = [item for module_name in MODULES for item in _public(module_name)]


def _is_cronwall_class(obj: object) -> bool:
    return inspect.isclass(obj) and getattr(obj, "__module__", "").startswith("cronwall")


def _is_typeddict(obj: object) -> bool:
    # typing.is_typeddict misses typing_extensions' TypedDict, which cronwall uses before 3.12.
    return inspect.isclass(obj) and issubclass(obj, dict) and hasattr(obj, "__required_keys__")


def _instance_attributes(cls: type) -> set[str]:
    """Public names a class's own methods assign on ``self`` (``self.param = param``).

    Read from each method's source (its code object knows its file: classes that set
    ``__module__ = "cronwall"`` cannot be found by ``inspect.getsource(cls)``).
    """
    names = set()
    for attribute in vars(cls).values():
        if not inspect.isfunction(attribute):
            continue
        source = textwrap.dedent(inspect.getsource(attribute))
        for node in ast.walk(ast.parse(source)):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    names.add(target.attr)
    return names


def _members(cls: type) -> list[str]:
    """The public methods, properties and attributes ``cls`` defines itself.

    A NamedTuple's fields are its constructor's parameters (checked in the class's entry);
    its own properties and methods are members.
    """
    if _is_typeddict(cls):
        return []  # its keys are checked in its entry
    fields = set(getattr(cls, "_fields", ()))
    names = set(vars(cls)) | set(inspect.get_annotations(cls)) | _instance_attributes(cls)
    return sorted(name for name in names if not name.startswith("_") and name not in fields)


MEMBERS = [
    (cls.__name__, member, cls)
    for _, _, cls in PUBLIC
    if _is_cronwall_class(cls)
    for member in _members(cls)
]


def _parameters(obj: object) -> list[str]:
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    return [name for name in signature.parameters if name != "self"]


def _mentions(entry: str, word: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", entry) is not None


def test_the_modules_have_public_names() -> None:
    # Guards the parametrisations below against an empty __all__ (nothing checked).
    assert {module_name for module_name, _, _ in PUBLIC} == set(MODULES)
    assert ("Schedule", "due") in {(cls, member) for cls, member, _ in MEMBERS}
    assert ("ExpressionError", "suggestion") in {(cls, member) for cls, member, _ in MEMBERS}


@pytest.mark.parametrize(("module_name", "name"), [(m, n) for m, n, _ in PUBLIC])
def test_every_public_name_has_a_heading(module_name: str, name: str) -> None:
    level, _ = ENTRIES.get(f"`{module_name}.{name}`", (0, ""))
    assert level == 3, f"docs/reference.md has no heading ### `{module_name}.{name}`"


@pytest.mark.parametrize(("class_name", "member"), [(c, m) for c, m, _ in MEMBERS])
def test_every_member_has_a_heading(class_name: str, member: str) -> None:
    level, _ = ENTRIES.get(f"`{class_name}.{member}`", (0, ""))
    assert level == 4, f"docs/reference.md has no heading #### `{class_name}.{member}`"


@pytest.mark.parametrize(("module_name", "name", "obj"), PUBLIC, ids=[n for _, n, _ in PUBLIC])
def test_every_parameter_is_in_its_entry(module_name: str, name: str, obj: object) -> None:
    _, entry = ENTRIES.get(f"`{module_name}.{name}`", (0, ""))
    words: list[str] = []
    if _is_typeddict(obj):
        words = list(obj.__annotations__)  # every key, inherited ones included
    elif typing.get_origin(obj) is typing.Literal:
        words = [repr(value).replace("'", '"') for value in typing.get_args(obj)]
    elif callable(obj) and typing.get_origin(obj) is None:
        words = _parameters(obj)
    missing = [word for word in words if not _mentions(entry, word)]
    assert not missing, f"the entry of {module_name}.{name} does not mention {missing}"


@pytest.mark.parametrize(
    ("class_name", "member", "cls"), MEMBERS, ids=[f"{c}.{m}" for c, m, _ in MEMBERS]
)
def test_every_method_parameter_is_in_its_entry(class_name: str, member: str, cls: type) -> None:
    _, entry = ENTRIES.get(f"`{class_name}.{member}`", (0, ""))
    attribute = inspect.getattr_static(cls, member, None)
    if not inspect.isfunction(attribute):
        return  # a property or an attribute: no parameters
    missing = [word for word in _parameters(attribute) if not _mentions(entry, word)]
    assert not missing, f"the entry of {class_name}.{member} does not mention {missing}"


def test_no_heading_names_something_that_is_not_public() -> None:
    # A renamed or removed name must leave the reference too.
    known = {f"`{m}.{n}`" for m, n, _ in PUBLIC} | {f"`{c}.{m}`" for c, m, _ in MEMBERS}
    stale = [
        title
        for title in ENTRIES
        if re.fullmatch(r"`[\w.]+`", title)
        and title.strip("`") not in MODULES
        and title not in known
    ]
    assert not stale, f"docs/reference.md documents names that are not public: {stale}"


def _slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def test_links_point_into_the_repository() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        assert "://" not in link and not link.startswith("/"), f"not a relative link: {link}"
        path, _, anchor = link.partition("#")
        target = (REFERENCE.parent / path).resolve() if path else REFERENCE
        assert target.is_file(), f"docs/reference.md links to a missing file: {link}"
        assert ROOT in target.parents, f"docs/reference.md links outside the repository: {link}"
        if anchor:
            titles = _HEADING.findall(target.read_text(encoding="utf-8"))
            assert anchor in {_slug(title) for _, title in titles}, f"no such heading: {link}"
