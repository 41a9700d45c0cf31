#!/usr/bin/env python3
"""Independent EC J-PAKE (Mbed TLS / Thread layout) in plain Python, used to write test-vectors/.

It shares no code with the Java implementation: the vectors it writes check the Java rounds against a second
implementation, and the Mbed TLS reference file checks this one (run with --self-check).
Usage: tools/jpake_vectors.py --self-check | --write DIR
"""
import hashlib, json, os, sys

p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
a = p - 3
b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
G = (0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
     0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)
INF = None

def add(P, Q):
    if P is INF: return Q
    if Q is INF: return P
    if P[0] == Q[0]:
        if (P[1] + Q[1]) % p == 0: return INF
        l = (3 * P[0] * P[0] + a) * pow(2 * P[1], -1, p) % p
    else:
        l = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (l * l - P[0] - Q[0]) % p
    return (x, (l * (P[0] - x) - P[1]) % p)

def mul(k, P):
    R = INF
    k %= n
    while k:
        if k & 1: R = add(R, P)
        P = add(P, P)
        k >>= 1
    return R

def neg(P): return (P[0], (-P[1]) % p)
def on_curve(P): return (P[1] * P[1] - (P[0] ** 3 + a * P[0] + b)) % p == 0
def enc(P): return b"\x04" + P[0].to_bytes(32, "big") + P[1].to_bytes(32, "big")
def dec(B):
    assert len(B) == 65 and B[0] == 4
    P = (int.from_bytes(B[1:33], "big"), int.from_bytes(B[33:], "big"))
    assert on_curve(P)
    return P
def minimal(x): return x.to_bytes(max(1, (x.bit_length() + 7) // 8), "big")
def h(x): return int(x, 16)

def challenge(Gen, V, X, pid):
    data = b""
    for P in (Gen, V, X):
        data += (65).to_bytes(4, "big") + enc(P)
    data += len(pid).to_bytes(4, "big") + pid
    return int.from_bytes(hashlib.sha256(data).digest(), "big") % n

def kkp(Gen, x, v, pid):
    X = mul(x, Gen); V = mul(v, Gen)
    r = (v - x * challenge(Gen, V, X, pid)) % n
    return X, bytes([65]) + enc(X) + bytes([65]) + enc(V) + bytes([len(minimal(r))]) + minimal(r)

def read_kkp(Gen, msg, pid):
    X = dec(msg[1:66]); V = dec(msg[67:132]); rl = msg[132]; r = int.from_bytes(msg[133:133 + rl], "big")
    assert add(mul(r, Gen), mul(challenge(Gen, V, X, pid), X)) == V, "proof"
    return X, msg[133 + rl:]

def exchange(pw, cid, sid, x1, x2, x3, x4, nonces):
    s = int.from_bytes(pw, "big") % n
    X1, m1a = kkp(G, x1, nonces["x1"], cid); X2, m1b = kkp(G, x2, nonces["x2"], cid)
    X3, m2a = kkp(G, x3, nonces["x3"], sid); X4, m2b = kkp(G, x4, nonces["x4"], sid)
    GB = add(add(X3, X1), X2)  # server's round-two generator: X3 + X1 + X2
    _, sk = kkp(GB, x4 * s % n, nonces["server2"], sid)
    GA = add(add(X1, X3), X4)
    _, ck = kkp(GA, x2 * s % n, nonces["client2"], cid)
    B = mul(x4 * s, GB); A = mul(x2 * s, GA)
    K = mul(x2, add(B, neg(mul(x2 * s, X4))))
    K2 = mul(x4, add(A, neg(mul(x4 * s, X2))))
    assert K == K2
    return {"clientRoundOne": m1a + m1b, "serverRoundOne": m2a + m2b,
            "serverRoundTwo": bytes([3, 0, 23]) + sk, "clientRoundTwo": ck,
            "K": enc(K), "pms": hashlib.sha256(K[0].to_bytes(32, "big")).digest()}

def self_check(ref_path):
    ref = json.load(open(ref_path))["reference"]
    pw = ref["password_ascii"].encode()
    s = int.from_bytes(pw, "big") % n
    X1, X2, X3, X4 = (mul(h(ref[k]), G) for k in ("x1", "x2", "x3", "x4"))
    c1 = bytes.fromhex(ref["clientRoundOne"]); s1 = bytes.fromhex(ref["serverRoundOne"])
    assert read_kkp(G, c1, b"client")[0] == X1 and read_kkp(G, c1[165:], b"client")[0] == X2
    assert read_kkp(G, s1, b"server")[0] == X3 and read_kkp(G, s1[165:], b"server")[0] == X4
    B, rest = read_kkp(add(add(X3, X1), X2), bytes.fromhex(ref["serverRoundTwo"])[3:], b"server")
    A, _ = read_kkp(add(add(X1, X3), X4), bytes.fromhex(ref["clientRoundTwo"]), b"client")
    x2 = h(ref["x2"])
    K = mul(x2, add(B, neg(mul(x2 * s, X4))))
    assert enc(K).hex() == ref["K"] and hashlib.sha256(K[0].to_bytes(32, "big")).hexdigest() == ref["pms"]
    print("reference handshake reproduced: proofs, K and PMS match Mbed TLS")

def scalar(seed):
    return int.from_bytes(hashlib.sha256(b"edgepair-vector-" + seed.encode()).digest(), "big") % (n - 1) + 1

def make_exchange(name, pw, cid=b"client", sid=b"server", **over):
    ins = {k: scalar(name + k) for k in ("x1", "x2", "x3", "x4")}
    nonces = {k: scalar(name + "nonce" + k) for k in ("x1", "x2", "x3", "x4", "client2", "server2")}
    for k, v in over.items():
        (nonces if k.startswith("n_") else ins)[k.removeprefix("n_")] = v
    out = exchange(pw, cid, sid, ins["x1"], ins["x2"], ins["x3"], ins["x4"], nonces)
    return {"name": name, "kind": "exchange", "encoding": "tls", "password": pw.hex(),
            "clientId": cid.decode(), "serverId": sid.decode(),
            **{k: "%064x" % v for k, v in ins.items()},
            "nonces": {k: "%064x" % v for k, v in nonces.items()},
            "expect": {k: v.hex() for k, v in out.items()}}

def short_r_nonce(name, x, gen, pid, want_len):
    """Search a nonce v so that r = v - x*h mod n has at most want_len bytes (first fits are cheap for 31)."""
    i = 0
    while True:
        v = scalar(name + "search" + str(i)); i += 1
        V = mul(v, gen); X = mul(x, gen)
        r = (v - x * challenge(gen, V, X, pid)) % n
        if len(minimal(r)) <= want_len:
            return v

def exchanges():
    out = []
    out.append(make_exchange("ascii password", b"threadjpaketest"))
    out.append(make_exchange("x2 equals x3, as in the Mbed TLS reference", b"threadjpaketest",
                             x3=scalar("shared-x2-x3"), x2=scalar("shared-x2-x3")))
    out.append(make_exchange("password longer than 32 bytes is reduced mod n", bytes(range(1, 49))))
    out.append(make_exchange("password of 32 bytes 0xff is reduced mod n", b"\xff" * 32))
    out.append(make_exchange("one-byte password", b"\x07"))
    out.append(make_exchange("password with leading zero bytes", b"\x00\x00\x00pairing"))
    out.append(make_exchange("thread joiner credential", b"J01NME"))
    out.append(make_exchange("edgepair pairing password", b"Xk4-9mPq-T7wz"))
    out.append(make_exchange("edgepair prover ids", b"open-sesame",
                             cid=b"edgepair-client", sid=b"edgepair-device"))
    out.append(make_exchange("scalar x1 = 1", b"threadjpaketest", x1=1))
    out.append(make_exchange("scalars at n-1", b"threadjpaketest", x2=n - 1, x4=n - 1))
    out.append(make_exchange("long utf-8 password", "pässwörd-ünïcødé-ü-longer-than-thirty-two".encode()))
    name = "short r in the client's first proof"
    x1 = scalar(name + "x1")
    out.append(make_exchange(name, b"threadjpaketest", x1=x1, n_x1=short_r_nonce(name, x1, G, b"client", 31)))
    return out

def mutate(vec, name, msg_hex, reason):
    v = dict(vec); v["name"] = name; v["message"] = msg_hex
    if reason: v["expect"] = "reject"; v["reason"] = reason
    else: v["expect"] = "accept"
    v.pop("expectK", None); v.pop("expectPms", None)
    return v

def read_vectors(ex):
    """One accepted and many rejected reads per reader and round, each rejection tripping exactly one check."""
    pw = bytes.fromhex(ex["password"])
    e = ex["expect"]
    base = {"kind": "read", "encoding": "tls", "clientId": ex["clientId"], "serverId": ex["serverId"],
            "password": ex["password"]}
    X = {k: enc(mul(h(ex[k]), G)).hex() for k in ("x1", "x2", "x3", "x4")}
    cases = [
        ("server", 1, e["clientRoundOne"], {}),
        ("client", 1, e["serverRoundOne"], {}),
        ("client", 2, e["serverRoundTwo"], {"own": {"x1": ex["x1"], "x2": ex["x2"]},
                                             "peerRound1": {"X1": X["x3"], "X2": X["x4"]},
                                             "expectK": e["K"], "expectPms": e["pms"]}),
        ("server", 2, e["clientRoundTwo"], {"own": {"x1": ex["x3"], "x2": ex["x4"]},
                                             "peerRound1": {"X1": X["x1"], "X2": X["x2"]},
                                             "expectK": e["K"], "expectPms": e["pms"]}),
    ]
    out = []
    for reader, rnd, msg, extra in cases:
        vec = dict(base, reader=reader, round=rnd, **extra)
        tag = "%s reads round %d: " % (reader, rnd)
        m = bytes.fromhex(msg)
        off = 3 if (reader == "client" and rnd == 2) else 0   # server's round two starts with ECParameters
        v_acc = dict(vec, name=tag + "valid message", message=msg, expect="accept")
        out.append(v_acc)
        def put(name, mm, reason): out.append(mutate(vec, tag + name, mm.hex(), reason))
        put("truncated by one byte", m[:-1], "malformed")
        put("one trailing byte", m + b"\x00", "malformed")
        put("empty message", b"", "malformed")
        put("X length 64", m[:off] + bytes([64]) + m[off + 1:off + 65] + m[off + 66:], "malformed")
        Xp = dec(m[off + 1:off + 66])
        comp = bytes([2 + (Xp[1] & 1)]) + Xp[0].to_bytes(32, "big")
        put("X compressed", m[:off] + bytes([33]) + comp + m[off + 66:], "unsupported")
        put("X is the point at infinity", m[:off] + b"\x01\x00" + m[off + 66:], "invalid-point")
        # Mbed TLS's point reader: any format byte but 00 and 04 is FEATURE_UNAVAILABLE, whatever the length
        put("X with format byte 05", m[:off + 1] + b"\x05" + m[off + 2:], "unsupported")
        put("X with format byte 02 and 65 bytes", m[:off + 1] + b"\x02" + m[off + 2:], "unsupported")
        put("X is 00 followed by 64 bytes", m[:off + 1] + b"\x00" + m[off + 2:], "malformed")
        bad = bytearray(m); bad[off + 65] ^= 1
        put("X not on the curve (y changed)", bytes(bad), "invalid-point")
        big = m[:off + 1] + b"\x04" + b"\xff" * 32 + m[off + 34:]
        put("X coordinate x >= p", big, "invalid-point")
        bad = bytearray(m); bad[off + 66 + 64] ^= 1
        put("V not on the curve", bytes(bad), "invalid-point")
        rl = m[off + 132]; r = int.from_bytes(m[off + 133:off + 133 + rl], "big")
        tail = m[off + 133 + rl:]
        put("r is zero", m[:off + 132] + b"\x01\x00" + tail, "malformed")
        put("r is empty", m[:off + 132] + b"\x00" + tail, "malformed")
        put("r equals n", m[:off + 132] + b"\x20" + n.to_bytes(32, "big") + tail, "malformed")
        r1 = minimal((r + 1) % n)
        put("r plus one", m[:off + 132] + bytes([len(r1)]) + r1 + tail, "proof-failed")
        # a valid point that is not the one the proof is about
        other = enc(mul(5, G))
        put("X replaced by another curve point", m[:off + 1] + other + m[off + 66:], "proof-failed")
        if rnd == 1:
            sw = m[165:] + m[:165]
            put("X1 and X2 swapped", sw, None)
            bad = bytearray(m); bad[165 + 65] ^= 1
            put("second key not on the curve", bytes(bad), "invalid-point")
            # Mbed TLS checks each key's proof right after reading that key: the first failure in read order wins
            first_false = m[:132] + bytes([len(r1)]) + r1 + m[133 + rl:]
            put("first proof false, second key truncated", first_false[:-1], "proof-failed")
            bad = bytearray(first_false); bad[len(first_false) - 165 + 65] ^= 1
            put("first proof false, second key not on the curve", bytes(bad), "proof-failed")
            bad = bytearray(m); bad[65] ^= 1
            second = bytearray(bad); r2l = second[165 + 132]
            r2 = minimal((int.from_bytes(bytes(second[165 + 133:165 + 133 + r2l]), "big") + 1) % n)
            second = bytes(second[:165 + 132]) + bytes([len(r2)]) + r2 + bytes(second[165 + 133 + r2l:])
            put("first key not on the curve, second proof false", second, "invalid-point")
            # wrong prover id: the reader expects another name for its peer
            wrong = dict(vec)
            if reader == "server": wrong["clientId"] = "joiner"
            else: wrong["serverId"] = "commissioner"
            out.append(mutate(wrong, tag + "proof made for another prover id", msg, "proof-failed"))
        else:
            if reader == "client":
                put("ECParameters curve type explicit_prime", b"\x01" + m[1:], "malformed")  # Mbed TLS: BAD_INPUT_DATA
                put("ECParameters named curve secp384r1", b"\x03\x00\x18" + m[3:], "unsupported")
                put("ECParameters missing (0x41 read as curve type)", m[3:], "malformed")
                put("truncated inside ECParameters", m[:2], "malformed")
            other_own = dict(vec); other_own["own"] = {"x1": "%064x" % scalar("other-own"), "x2": vec["own"]["x2"]}
            other_own.pop("expectK"); other_own.pop("expectPms")
            out.append(mutate(other_own, tag + "proof made for another generator", msg, "proof-failed"))
            ox1 = mul(h(vec["own"]["x1"]), G); ox2 = mul(h(vec["own"]["x2"]), G)
            inf_peer = dict(vec); inf_peer["peerRound1"] = {"X1": enc(neg(add(ox1, ox2))).hex(),
                                                            "X2": vec["peerRound1"]["X2"]}
            out.append(mutate(inf_peer, tag + "generator X1+X2+X3 is infinity", msg, "invalid-point"))
    return out

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ref = os.path.join(here, "..", "test-vectors", "thread-ecjpake-reference.json")
    self_check(ref)
    if len(sys.argv) >= 3 and sys.argv[1] == "--write":
        ex = exchanges()
        head = {"schema": "edgepair-jpake-vectors/1", "curve": "P-256", "hash": "SHA-256"}
        with open(os.path.join(sys.argv[2], "jpake-exchange.json"), "w") as f:
            json.dump(dict(head, description="Deterministic exchanges written by tools/jpake_vectors.py, an "
                           "independent Python implementation checked against the Mbed TLS reference.",
                           vectors=ex), f, indent=1)
            f.write("\n")
        with open(os.path.join(sys.argv[2], "jpake-read.json"), "w") as f:
            json.dump(dict(head, description="Reads that each trip exactly one check, for both readers and "
                           "both rounds, derived from the 'ascii password' exchange; written by "
                           "tools/jpake_vectors.py.", vectors=read_vectors(ex[0])), f, indent=1)
            f.write("\n")
        print("wrote %d exchange vectors and %d read vectors" % (len(ex), len(read_vectors(ex[0]))))

if __name__ == "__main__":
    main()
