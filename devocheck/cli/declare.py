"""Options declared once: a frozen dataclass is a command's parameters and its configuration keys.

A command's options are the fields of a dataclass, each annotated as typer wants
(``Annotated[float | None, typer.Option("--fail-under", min=0, max=100, ...)] = None``).
``command`` turns the dataclass into the typer command's signature; ``config_keys`` derives
what a configuration file may set (key ``fail-under``, its TOML types and range) from the same
declaration; ``merged`` reads configured values through the option's own click parameter, so
a value in the file is parsed, range-checked and called back exactly as the flag would be.
Adding an option is one field. An option marked ``FROM_CONFIG_DIR`` takes a relative value in
a configuration file from the file's directory; one marked ``NOT_CONFIGURABLE`` is not a key.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

import typer
from typer.models import OptionInfo

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

from devocheck.config import Config, Kind, Setting

T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: Metadata for an option whose relative value in a configuration file is taken from its folder.
FROM_CONFIG_DIR = _Marker("FROM_CONFIG_DIR")
#: Metadata for an option a configuration file cannot set (``--config`` itself).
NOT_CONFIGURABLE = _Marker("NOT_CONFIGURABLE")


@dataclasses.dataclass(frozen=True, slots=True)
class _Declared:
    name: str
    key: str | None
    """The configuration key (the long flag without dashes), None for arguments."""
    base: Any
    """The type without ``None`` and annotations."""
    info: Any
    marks: tuple[object, ...]


def _declared(options_type: type[Any]) -> list[_Declared]:
    hints = get_type_hints(options_type, include_extras=True)
    found = []
    for field in dataclasses.fields(options_type):
        hint = hints[field.name]
        metadata: tuple[object, ...] = ()
        if get_origin(hint) is Annotated:
            hint, *rest = get_args(hint)
            metadata = tuple(rest)
        info = next((m for m in metadata if isinstance(m, typer.models.ParameterInfo)), None)
        key = None
        if isinstance(info, OptionInfo) and NOT_CONFIGURABLE not in metadata:
            # in ``Annotated``, typer takes the first flag from the ``default`` slot
            first = [info.default] if isinstance(info.default, str) else []
            flags = [d for d in (*first, *(info.param_decls or ())) if d.startswith("--")]
            key = flags[0][2:] if flags else field.name.replace("_", "-")
        found.append(_Declared(field.name, key, _without_none(hint), info, metadata))
    return found


def _without_none(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        kept = [arg for arg in get_args(hint) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else hint
    return hint


def command(options_type: type[D], run: Callable[[typer.Context, D], None]) -> Callable[..., None]:
    """A function typer can register whose parameters are the fields of ``options_type``.

    Typer calls it with the parsed values; it builds ``options_type`` from them and calls
    ``run(ctx, options)``. Help comes from ``run``'s docstring.
    """
    hints = get_type_hints(options_type, include_extras=True)
    parameters = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)]
    for field in dataclasses.fields(options_type):
        default = inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default
        parameters.append(
            inspect.Parameter(
                field.name, inspect.Parameter.KEYWORD_ONLY, annotation=hints[field.name], default=default
            )
        )

    def invoke(ctx: typer.Context, **values: Any) -> None:
        run(ctx, options_type(**values))

    invoke.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    invoke.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    invoke.__doc__ = run.__doc__
    invoke.__name__ = run.__name__
    return invoke


def config_keys(options_type: type[Any]) -> dict[str, Kind]:
    """Every key a configuration file may set for these options, with what it may hold."""
    return {d.key: _kind(d) for d in _declared(options_type) if d.key is not None}


def _kind(declared: _Declared) -> Kind:
    info, base = declared.info, declared.base
    path = FROM_CONFIG_DIR in declared.marks
    if base is bool:
        return Kind((bool,), "true or false")
    if info.parser is not None:  # read by its parser from text, as on the command line
        if base is date:
            return Kind((date, str), "a date (YYYY-MM-DD)")
        return Kind((int, str), f"{info.metavar or 'a value'} (a number, or a string)")
    if base is int:
        return Kind((int,), "a whole number", low=info.min, high=info.max)
    if base is float:
        return Kind((int, float), "a number", low=info.min, high=info.max)
    if base is Path or path:
        return Kind((str,), "a path (a string)", path=True)
    return Kind((str,), "a string")


def merged(ctx: typer.Context, options: D, config: Config) -> tuple[D, Mapping[str, Setting]]:
    """``options`` with configured values for those the user left at their defaults, and the
    settings used, by field name (to point at them when a value is refused later)."""
    params = {param.name: param for param in ctx.command.params}
    values: dict[str, Any] = {}
    used: dict[str, Setting] = {}
    for declared in _declared(type(options)):
        setting = config.get(declared.key) if declared.key else None
        if setting is None or not _defaulted(ctx, declared.name):
            continue
        param = params[declared.name]
        try:
            values[declared.name] = param.process_value(ctx, setting.value)
        except typer.BadParameter as exc:
            raise setting.error(exc.message) from None
        used[declared.name] = setting
    return dataclasses.replace(options, **values), used


def _defaulted(ctx: typer.Context, name: str) -> bool:
    """True when the user gave no value (typer vendors click, so its enum is compared by name)."""
    source = ctx.get_parameter_source(name)
    return source is None or source.name == "DEFAULT"


def usage_error(used: Mapping[str, Setting], name: str, flag: str, message: str) -> Exception:
    """A usage error, at the configuration key when the value came from there."""
    setting = used.get(name)
    return setting.error(message) if setting else typer.BadParameter(message, param_hint=flag)
