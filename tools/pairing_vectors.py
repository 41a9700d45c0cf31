#!/usr/bin/env python3
"""Independent model of EdgePair's password authentication (spec/pairing.md) in plain Python: the PBKDF2 secret,
the transcript, HKDF confirmation keys and MACs, and whole pairing exchanges on top of tools/jpake_vectors.py.
Usage: tools/pairing_vectors.py --write DIR
"""
import hashlib, hmac, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jpake_vectors as jp

LABEL = b"EdgePair pake-auth v2"
CLIENT_ID, DEVICE_ID = b"client", b"server"   # Mbed TLS's prover ids (pairing protocol 2)
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SECRET_LABEL = b"EdgePair pake secret v1"
ITERATIONS = 10000

def lp(b): return len(b).to_bytes(4, "big") + b

def canonical(typed, symbols):
    out = ""
    for ch in typed.upper():
        if ch in "- ":
            continue
        ch = {"O": "0", "I": "1", "L": "1"}.get(ch, ch)
        if ch not in CROCKFORD:
            return None
        out += ch
    return out if len(out) == symbols else None

def normalize(principal, typed):
    """spec/pairing.md, Normalisation: tokens always; passwords only in the shape of a generated one."""
    if principal.startswith("token:"):
        code = canonical(typed, 16)
        assert code is not None, "not a token: " + typed
        return code
    if re.fullmatch(r"[0-9A-Za-z]{4}(-?[0-9A-Za-z]{4}){2}", typed):
        return canonical(typed, 12) or typed
    return typed

def pake_secret(product, device, principal, password, iterations=ITERATIONS):
    password = normalize(principal, password)
    salt = lp(SECRET_LABEL) + lp(product.encode()) + lp(device.encode()) + lp(principal.encode())
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations, 32)

def hkdf(ikm, salt, info, n):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    out, t, i = b"", b"", 1
    while len(out) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); out += t; i += 1
    return out[:n]

def confirm(pms, principal, cfp, dfp, exporter, c1, d1, d2, c2):
    th = hashlib.sha256(b"".join(lp(x) for x in (LABEL, principal.encode(), cfp, dfp, exporter, c1, d1, d2, c2))).digest()
    okm = hkdf(pms, exporter, LABEL + b" keys" + th, 64)
    return {"transcriptHash": th, "clientKey": okm[:32], "deviceKey": okm[32:],
            "clientMac": hmac.new(okm[:32], b"client" + th, hashlib.sha256).digest(),
            "deviceMac": hmac.new(okm[32:], b"device" + th, hashlib.sha256).digest()}

def rnd(seed, n=32): return hashlib.sha256(b"edgepair-pairing-vector-" + seed.encode()).digest()[:n]

def secret_vectors():
    cases = [("open pairing password", "pr-f4nqpowq", "de-zqw7vehm", "user:", "correct horse battery"),
             ("invitation", "pr-f4nqpowq", "de-zqw7vehm", "user:carol", "Xk4-9mPq-T7wz"),
             ("token", "pr-cam", "de-1", "token:7f3a9c01", "K7QMWX2D9RHFPBN4"),
             ("utf-8 password", "pr-x", "de-y", "user:jürgen", "pässwörd-ünïcødé"),
             ("same password, other device", "pr-f4nqpowq", "de-other", "user:carol", "Xk4-9mPq-T7wz"),
             ("generated password as printed", "pr-f4nqpowq", "de-zqw7vehm", "user:", "7KQ2-M9XH-4TRC"),
             ("generated password typed in lower case without dashes", "pr-f4nqpowq", "de-zqw7vehm", "user:",
              "7kq2m9xh4trc"),
             ("generated password with o and l typed for 0 and 1", "pr-f4nqpowq", "de-zqw7vehm", "user:carol",
              "ab0l-xyz1-0000"),
             ("twelve letters with a U are used as typed", "pr-f4nqpowq", "de-zqw7vehm", "user:", "Unchanged123"),
             ("token typed in lower case with dashes", "pr-cam", "de-1", "token:7f3a9c01", "k7qm-wx2d-9rhf-pbn4")]
    return [{"name": "pake secret: " + n, "kind": "pake-secret", "productId": p, "deviceId": d, "principal": pr,
             "password": pw, "iterations": ITERATIONS, "expect": pake_secret(p, d, pr, pw).hex()}
            for n, p, d, pr, pw in cases]

def confirmation_vectors():
    out = []
    for i, principal in enumerate(["user:", "user:carol", "token:7f3a9c01", "user:" + "a" * 64]):
        m = {k: rnd(principal + k, 165 if k in ("c1", "d1") else 170) for k in ("c1", "d1", "d2", "c2")}
        cfp, dfp, exp, pms = rnd(principal + "cfp"), rnd(principal + "dfp"), rnd(principal + "exp"), rnd(principal + "pms")
        r = confirm(pms, principal, cfp, dfp, exp, m["c1"], m["d1"], m["d2"], m["c2"])
        out.append({"name": "confirmation %d: %s" % (i, principal[:20]), "kind": "confirmation", "principal": principal,
                    "clientFingerprint": cfp.hex(), "deviceFingerprint": dfp.hex(), "exporter": exp.hex(),
                    "messages": {k: v.hex() for k, v in m.items()}, "pms": pms.hex(),
                    "expect": {k: v.hex() for k, v in r.items()}})
    return out

def exchange_vectors():
    out = []
    cases = [("password-open", "user:", "correct horse battery"), ("invitation", "user:carol", "Xk4-9mPq-T7wz"),
             ("token", "token:7f3a9c01", "K7QMWX2D9RHFPBN4")]
    for name, principal, password in cases:
        product, device = "pr-f4nqpowq", "de-zqw7vehm"
        w = pake_secret(product, device, principal, password)
        sc = {k: jp.scalar(name + k) for k in ("x1", "x2", "x3", "x4")}
        nonces = {k: jp.scalar(name + "n" + k) for k in ("x1", "x2", "x3", "x4", "client2", "server2")}
        ex = jp.exchange(w, CLIENT_ID, DEVICE_ID, sc["x1"], sc["x2"], sc["x3"], sc["x4"], nonces)
        cfp, dfp, exp = rnd(name + "cfp"), rnd(name + "dfp"), rnd(name + "exp")
        r = confirm(ex["pms"], principal, cfp, dfp, exp, ex["clientRoundOne"], ex["serverRoundOne"],
                    ex["serverRoundTwo"], ex["clientRoundTwo"])
        out.append({"name": "pairing exchange: " + name, "kind": "pairing-exchange", "productId": product,
                    "deviceId": device, "principal": principal, "password": password,
                    "clientProverId": CLIENT_ID.decode(), "deviceProverId": DEVICE_ID.decode(),
                    **{k: "%064x" % v for k, v in sc.items()}, "nonces": {k: "%064x" % v for k, v in nonces.items()},
                    "clientFingerprint": cfp.hex(), "deviceFingerprint": dfp.hex(), "exporter": exp.hex(),
                    "expect": {"secret": w.hex(), "clientRoundOne": ex["clientRoundOne"].hex(),
                               "deviceRoundOne": ex["serverRoundOne"].hex(), "deviceRoundTwo": ex["serverRoundTwo"].hex(),
                               "clientRoundTwo": ex["clientRoundTwo"].hex(), "pms": ex["pms"].hex(),
                               "clientMac": r["clientMac"].hex(), "deviceMac": r["deviceMac"].hex()}})
    return out

def main():
    if len(sys.argv) < 3 or sys.argv[1] != "--write":
        print(__doc__); return
    head = {"schema": "edgepair-pairing-vectors/2", "curve": "P-256", "hash": "SHA-256",
            "description": "EdgePair password authentication, pairing protocol 2 (spec/pairing.md): normalised PBKDF2 secrets, transcript, HKDF "
                           "confirmation keys and MACs, and whole exchanges. Written by tools/pairing_vectors.py, "
                           "an independent Python model."}
    vectors = secret_vectors() + confirmation_vectors() + exchange_vectors()
    with open(os.path.join(sys.argv[2], "pairing.json"), "w") as f:
        json.dump(dict(head, vectors=vectors), f, indent=1); f.write("\n")
    print("wrote %d pairing vectors" % len(vectors))

if __name__ == "__main__":
    main()
