#!/usr/bin/env python3
"""Writes the seed corpus for the `pipeline` fuzz target: small, real-looking
exports in every dialect, each prefixed with the 6 option bytes the target
reads (default options: es, detected date order, UTC, as-of 2026-11-26,
thresholds 3/7/90 %). Run from fuzz/: python3 seeds.py"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus", "pipeline")
SAMPLE = os.path.join(HERE, "..", "www", "sample", "tenants-ejemplo.csv")
DEFAULT = bytes([0, 0, 3, 4, 0, 0])
EN_MDY_MX = bytes([0b00001101, 0, 3, 4, 0, 0])  # en, mdy, America/Mexico_City

os.makedirs(OUT, exist_ok=True)
seeds = {}

lines = open(SAMPLE, encoding="utf-8-sig").read().split("\n")
header, rows = lines[0], [l for l in lines[1:] if l]
# Slices of the bundled sample (Spanish headers, ';').
seeds["sample-head"] = ("\ufeff" + "\n".join([header] + rows[:12]) + "\n").encode("utf-8")
seeds["sample-mid"] = ("\n".join([header] + rows[150:160]) + "\r\n").encode("utf-8")
seeds["sample-1252"] = ("\r\n".join([header] + rows[40:48]) + "\r\n").encode("cp1252", "replace")
seeds["sample-utf16le"] = b"\xff\xfe" + ("\n".join([header.replace(";", "\t")] + [r.replace(";", "\t") for r in rows[60:66]]) + "\n").encode("utf-16-le")
seeds["sample-utf16be"] = b"\xfe\xff" + ("\n".join([header] + rows[70:74]) + "\n").encode("utf-16-be")
seeds["sample-sep"] = ("sep=;\n" + "\n".join([header] + rows[80:86]) + "\n").encode("utf-8")

en = "tenant_id,tenant_name,owner_name,owner_email,owner_phone,account_executive,plan,subscription_status,trial_ends_at,payment_failed,last_payment_status,messages_used,messages_limit\n"
seeds["english-levels"] = (en +
    "t1,Acme,Ann,ann@acme.io,+1 555 0100,Bob,pro,past_due,,false,failed,10,100\n"
    "t2,\"Beta, Inc\",Bo,bo@beta.io,555-0101,Bob,basic,trialing,2026-11-28,0,succeeded,1,100\n"
    "t3,Gamma,Gi,gi@g.io,,Cy,basic,trialing,2026-12-02T10:00:00-06:00,no,,9401,10000\n"
    "t4,Delta,Di,di@d.io,,Cy,pro,active,,,paid,\"9,400\",\"10,000\"\n"
    "t5,Eps,,not-an-email,,,,canceled,,yes,declined,100,100\n"
    ",,,,,,,,,,,,\n"
    ",,orphan,o@x.io,,,,trialing,2026-11-27,,,,\n"
    "t6,Zeta,,,,,,trialing,31/02/2026,sí,,muchos,-5\n").encode("utf-8")
seeds["pipes-mdy"] = ("id|name|status|trial_end|failed_payment\n"
    "1|One|trial|11/25/2026|0\n2|Two|trial|12/01/2026 14:30|x\n3|\"Th|ree\"|active|03/04/2026|\n").encode("utf-8")
seeds["quoted-newlines"] = ("id;empresa;estado;fin_trial;mensajes_usados;limite_mensajes\n"
    "1;\"Dos\nlíneas\";prueba;29/11/2026;\"9.400\";\"10.000\"\n"
    "2;\"Comillas \"\"dobles\"\"\";activo;;1 234 567;2 000 000\n"
    "3;\"=HYPERLINK(\"\"http://x\"\")\";prueba;01-12-2026;;\n").encode("utf-8")
seeds["hostile-text"] = ("id,name,owner,email,phone,status,trial_ends_at\n"
    "=1+1,+SUM(A1),-2,@x,=cmd|' /C calc'!A0,trialing,2026-11-27\n"
    "2,\" =1\",\"\t@SUM(1)\",a@b.co,DDE(\"x\"),trialing,2026-11-27\n"
    "3,<script>alert(1)</script>,\u202eevil,\U0001F600@x.io,,trialing,2026-11-26\n").encode("utf-8")
seeds["only-usage"] = ("Nombre,Uso mensajes,Cuota mensajes\nA,901,1000\nB,900,1000\nC,5,0\n\n\nD,1.000.001,1.000.000\n").encode("utf-8")
seeds["header-only"] = "tenant_id,trial_ends_at\n".encode("utf-8")
seeds["ragged"] = "id,trial_ends_at\n1,2026-11-27,extra,more\n2\n3,2026-11-30\n".encode("utf-8")
seeds["dup-ids"] = "id,pago_fallido\n1,si\n1,no\n2,x\n".encode("utf-8")

# The dialect fixtures of the engine's own tests, as they are.
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")
if os.path.isdir(FIXTURES):
    for f in sorted(os.listdir(FIXTURES)):
        data = open(os.path.join(FIXTURES, f), "rb").read()
        if data and len(data) <= 4096 and not f.startswith("unusable"):
            seeds["fixture-" + os.path.splitext(f)[0]] = data

for name, data in seeds.items():
    prefix = EN_MDY_MX if name == "pipes-mdy" else DEFAULT
    with open(os.path.join(OUT, "seed-" + name), "wb") as f:
        f.write(prefix + data)
print(f"{len(seeds)} seeds in {OUT}")
