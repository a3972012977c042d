"""Shared onnxruntime helpers for the optional detectors: quiet sessions, fixed input shapes, int8 models.

onnxruntime itself is imported by the callers inside their try blocks; this module only
needs it once a session is built, so importing it never fails.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

# One thread per session: on 2 shared cores, a second intra-op thread was slower under load
# (OCR median 1200 ms with 1 thread against 2100 ms with 2); the pipeline may run two detector
# threads side by side instead.
INTRA_OP_THREADS = 1
LOG_SEVERITY_ERROR = 3  # onnxruntime: 0 verbose, 1 info, 2 warning, 3 error, 4 fatal

FP32, INT8 = "fp32", "int8"
PRECISIONS = (FP32, INT8)
#: The CPU flags (Linux's /proc/cpuinfo names) of an x86 CPU whose int8 dot product does not saturate (VNNI).
_EXACT_INT8_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})


def int8_is_exact(cpuinfo: str | None = None) -> bool:
    """Whether this CPU runs the committed int8 models as the accuracy guard measured them. Without VNNI,
    onnxruntime's x86 int8 kernels multiply with an instruction that saturates: on an AVX2-only AMD EPYC the audit's
    int8 face model found 34 of the reference photos' 50 faces where fp32 finds 41. Unknown (no /proc/cpuinfo, another
    architecture): no, and the audit runs fp32, slower but as measured. ``cpuinfo``: the text to read instead."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    # x86's "flags" line (every core says the same); ARM's "Features" line, or any other, says no
    flags = next((value.split() for key, _, value in (line.partition(":") for line in cpuinfo.splitlines())
                  if key.strip() == "flags"), [])
    return bool(_EXACT_INT8_FLAGS & set(flags))


INT8_DIR = Path(__file__).resolve().parent / "models_int8"
"""The int8 copies of the face and nudity models, made by ``python -m kidsafe.bench.quantise``."""
INT8_SUMS = "SHA256SUMS"
FACES_INT8, NUDITY_INT8 = "centerface.int8.onnx", "open-nsfw.int8.onnx"

# Field numbers of onnx.proto (ModelProto > GraphProto > ValueInfoProto > TypeProto > ...).
_MODEL_GRAPH = 7
_GRAPH_INITIALIZER, _GRAPH_INPUT, _GRAPH_OUTPUT, _GRAPH_VALUE_INFO = 5, 11, 12, 13
_NAMED_NAME = 1  # ValueInfoProto.name and (as 8) TensorProto.name differ: see below
_TENSOR_PROTO_NAME = 8
_VALUE_INFO_TYPE = 2
_TYPE_TENSOR = 1
_TENSOR_ELEM_TYPE, _TENSOR_SHAPE = 1, 2
_SHAPE_DIM = 1
_DIM_VALUE = 1
_WIRE_VARINT, _WIRE_64, _WIRE_LEN, _WIRE_32 = 0, 1, 2, 5


def make_session(model: str | bytes) -> Any:
    """An onnxruntime CPU session with few threads and only error-level logging."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = INTRA_OP_THREADS
    opts.inter_op_num_threads = 1
    opts.log_severity_level = LOG_SEVERITY_ERROR
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-wait on shared cores
    return ort.InferenceSession(model, sess_options=opts, providers=["CPUExecutionProvider"])


def int8_model(name: str, folder: Path = INT8_DIR) -> bytes:
    """The committed int8 model ``name``, checked against its sha256 in ``SHA256SUMS``.

    Raises ValueError when the file is missing, unlisted or not the one recorded: an altered model
    is never run.
    """
    try:
        sums = dict(line.split()[::-1] for line in (folder / INT8_SUMS).read_text(encoding="ascii").splitlines()
                    if line.strip())
        data = (folder / name).read_bytes()
    except (OSError, ValueError) as exc:
        raise ValueError(f"the int8 model {name} is missing ({type(exc).__name__})") from exc
    if hashlib.sha256(data).hexdigest() != sums.get(name):
        raise ValueError(f"the int8 model {name} is not the one recorded in {INT8_SUMS}")
    return data


def check_precision(precision: str) -> None:
    """Refuse a precision other than fp32 or int8."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")


def fix_shapes(model: bytes, shapes: Mapping[str, Sequence[int]]) -> bytes:
    """The ONNX model with the named graph inputs/outputs given static shapes.

    Also drops intermediate ``value_info`` shapes (onnxruntime infers them again) and
    removes initializers from the graph inputs, so that onnxruntime may fold them
    (allowed from IR version 4 on). This edits the protobuf wire format directly, so
    the ``onnx`` package is not needed.
    """
    out = bytearray()
    for field, wire, value in _fields(model):
        if field == _MODEL_GRAPH and wire == _WIRE_LEN:
            value = _fix_graph(bytes(value), shapes)
        out += _encode(field, wire, value)
    return bytes(out)


def _fix_graph(graph: bytes, shapes: Mapping[str, Sequence[int]]) -> bytes:
    initializers = {_name(v, _TENSOR_PROTO_NAME) for f, _, v in _fields(graph) if f == _GRAPH_INITIALIZER}
    out = bytearray()
    for field, wire, value in _fields(graph):
        if field == _GRAPH_VALUE_INFO:
            continue
        if field in (_GRAPH_INPUT, _GRAPH_OUTPUT):
            name = _name(value, _NAMED_NAME)
            if field == _GRAPH_INPUT and name in initializers:
                continue
            if name in shapes:
                value = _value_info(name, _elem_type(value), shapes[name])
        out += _encode(field, wire, value)
    return bytes(out)


def _value_info(name: str, elem_type: int, dims: Sequence[int]) -> bytes:
    shape = b"".join(_encode(_SHAPE_DIM, _WIRE_LEN, _encode(_DIM_VALUE, _WIRE_VARINT, d)) for d in dims)
    tensor = _encode(_TENSOR_ELEM_TYPE, _WIRE_VARINT, elem_type) + _encode(_TENSOR_SHAPE, _WIRE_LEN, shape)
    type_proto = _encode(_TYPE_TENSOR, _WIRE_LEN, tensor)
    return _encode(_NAMED_NAME, _WIRE_LEN, name.encode()) + _encode(_VALUE_INFO_TYPE, _WIRE_LEN, type_proto)


def _elem_type(value_info: bytes) -> int:
    for f, _, type_proto in _fields(value_info):
        if f == _VALUE_INFO_TYPE:
            for g, _, tensor in _fields(type_proto):
                if g == _TYPE_TENSOR:
                    for h, _, elem in _fields(tensor):
                        if h == _TENSOR_ELEM_TYPE:
                            return int(elem)
    raise ValueError("graph input or output without a tensor element type")


def _name(message: bytes, field_number: int) -> str:
    for f, wire, value in _fields(message):
        if f == field_number and wire == _WIRE_LEN:
            return bytes(value).decode()
    return ""


def _fields(buf: bytes) -> Iterator[tuple[int, int, Any]]:
    """(field number, wire type, value) of each field of a protobuf message, in order."""
    view, i = memoryview(buf), 0
    value: Any
    while i < len(view):
        key, i = _varint(view, i)
        field, wire = key >> 3, key & 7
        if wire == _WIRE_VARINT:
            value, i = _varint(view, i)
        elif wire in (_WIRE_64, _WIRE_32):
            size = 8 if wire == _WIRE_64 else 4
            value, i = view[i : i + size], i + size
        elif wire == _WIRE_LEN:
            size, i = _varint(view, i)
            value, i = view[i : i + size], i + size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield field, wire, value


def _varint(view: memoryview, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = view[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, i


def _encode(field: int, wire: int, value: Any) -> bytes:
    key = _to_varint(field << 3 | wire)
    if wire == _WIRE_VARINT:
        return key + _to_varint(value)
    if wire == _WIRE_LEN:
        return key + _to_varint(len(value)) + bytes(value)
    return key + bytes(value)


def _to_varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 values are ten-byte two's complement
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)
