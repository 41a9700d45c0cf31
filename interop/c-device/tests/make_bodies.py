#!/usr/bin/env python3
"""Writes request bodies for smoke.sh into DIR: a /pake/1 body carrying the client round one of a J-PAKE vector
(prover ids client/server; its proofs verify for any password), that round's left-padded-r twin, a /pake/2 body
(its proof is for another exchange, so the device must answer 4.01), and CBOR the strict layer refuses."""
import json
import os
import sys


def head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | ai]) + n.to_bytes(size, "big")
    raise ValueError(n)


def enc(v):
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, dict):  # canonical: length first, then bytes
        keys = sorted(v, key=lambda k: (len(k.encode()), k.encode()))
        return head(5, len(v)) + b"".join(enc(k) + enc(v[k]) for k in keys)
    raise TypeError(v)


def kkps(msg):
    out = []
    while msg:
        x, v = msg[1:66], msg[67:132]
        rlen = msg[132]
        out.append({"X": x, "V": v, "r": msg[133:133 + rlen]})
        msg = msg[133 + rlen:]
    return out


vectors, outdir = sys.argv[1], sys.argv[2]
ex = next(v for v in json.load(open(vectors))["vectors"]
          if v["kind"] == "exchange" and v["clientId"] == "client" and v["serverId"] == "server")
r1 = kkps(bytes.fromhex(ex["expect"]["clientRoundOne"]))
r2 = kkps(bytes.fromhex(ex["expect"]["clientRoundTwo"]))[0]
bad_proof = dict(r1[0])
bad_proof["r"] = bad_proof["r"][:-1] + bytes([bad_proof["r"][-1] ^ 1])
off_curve = dict(r1[1])
off_curve["X"] = off_curve["X"][:-1] + bytes([off_curve["X"][-1] ^ 1])
padded = [dict(r1[0]), r1[1]]
padded[0]["r"] = b"\x00" + padded[0]["r"]
bodies = {
    "pake1.cbor": {"Username": "", "Round1": {"X1": r1[0], "X2": r1[1]}},
    "pake1-padded-r.cbor": {"Username": "", "Round1": {"X1": padded[0], "X2": padded[1]}},
    "pake1-bad-proof.cbor": {"Username": "", "Round1": {"X1": bad_proof, "X2": r1[1]}},
    "pake1-bad-proof-then-bad-point.cbor": {"Username": "", "Round1": {"X1": bad_proof, "X2": off_curve}},
    "pake1-invite.cbor": {"Username": "alice", "Round1": {"X1": r1[0], "X2": r1[1]}},
    "pake2.cbor": {"Round2": r2, "Confirm": bytes(32), "Pair": {"Username": "mallory"}},
    "open.cbor": {"Username": "mallory"},
}
for name, body in bodies.items():
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(enc(body))
raw = {
    "indefinite.cbor": bytes([0xBF, 0x61, 0x61, 0x01, 0xFF]),
    "tagged.cbor": bytes([0xA1, 0x61, 0x61, 0xC1, 0x01]),
    "long-head.cbor": bytes([0xB8, 0x01, 0x61, 0x61, 0x01]),
    "huge-length.cbor": bytes([0xA1, 0x61, 0x61, 0x5B]) + (2**63).to_bytes(8, "big"),
    "duplicate.cbor": bytes([0xA2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02]),
    "bad-utf8.cbor": bytes([0xA1, 0x61, 0xFF, 0x01]),
    "deep.cbor": bytes([0xA1, 0x61, 0x61]) + bytes([0x81] * 12) + bytes([0x01]),
    "float.cbor": bytes([0xA1, 0x61, 0x61, 0xF9, 0x3C, 0x00]),
    "not-a-map.cbor": bytes([0x81, 0x01]),
    "trailing.cbor": bytes([0xA0, 0x00]),
}
for name, body in raw.items():
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(body)
