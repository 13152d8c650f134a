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
        if not os.path.isfile(os.path.join(FIXTURES, f)):
            continue
        data = open(os.path.join(FIXTURES, f), "rb").read()
        if data and len(data) <= 4096 and not f.startswith("unusable"):
            seeds["fixture-" + os.path.splitext(f)[0]] = data

# Exports as workbooks (issue #12): a minimal .xlsx with typed cells (a date
# serial with a date style, numbers, a boolean, an error), small enough for
# -max_len, so the fuzzer starts inside the workbook reader too.
import io, zipfile
def minimal_xlsx(rows):
    def cell(ref, v):
        if isinstance(v, bool):
            return f'<c r="{ref}" t="b"><v>{int(v)}</v></c>'
        if isinstance(v, tuple):  # (serial,) with the date style
            return f'<c r="{ref}" s="1"><v>{v[0]}</v></c>'
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        if v.startswith("#"):
            return f'<c r="{ref}" t="e"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
    sheet = "".join(
        f'<row r="{r + 1}">' + "".join(cell(f"{chr(65 + c)}{r + 1}", v) for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows))
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            zi = zipfile.ZipInfo(name, date_time=(2026, 11, 26, 0, 0, 0))
            z.writestr(zi, text, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()
seeds["workbook-typed"] = minimal_xlsx([
    ["id", "payment_failed", "trial_ends_at", "messages_used", "messages_limit"],
    ["T-1", True, "", 10, 100],
    ["T-2", False, (46354,), 9500, 10000],
    ["T-3", "#N/A", "31/02/2026", "#DIV/0!", 0],
])

for name, data in seeds.items():
    prefix = EN_MDY_MX if name == "pipes-mdy" else DEFAULT
    with open(os.path.join(OUT, "seed-" + name), "wb") as f:
        f.write(prefix + data)
print(f"{len(seeds)} seeds in {OUT}")
