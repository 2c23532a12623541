#!/usr/bin/env bash
# make test-interop: the CSV files the app writes, opened by a real
# spreadsheet. Exports a workspace whose unit names look like formulas
# (examples/interop_export.rs, the data page's own units_csv/years_csv),
# has LibreOffice Calc convert each file to xlsx (with its CSV import's
# defaults, formulas evaluated, as a user opening the file gets) and the
# xlsx back to CSV, and checks that:
#   - the xlsx holds no formula at all (no <f> element), while a control
#     file written without the guard does (so the check can fail);
#   - every hostile name is a text cell showing the name with the guard
#     quote before it, and reads back as such from the xlsx;
#   - the numbers the app wrote (-2.5, 12) are still numbers.
# Installs Debian's libreoffice-calc-nogui first if soffice is missing
# (apt-get, ~1-2 min, ~300 MB); not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

say() { printf '[interop] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v soffice >/dev/null 2>&1; then
  say "installing libreoffice-calc-nogui (apt-get, ~1-2 min)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui >/dev/null
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out" "$work/back" "$work/profile"
cargo run -q --no-default-features --example interop_export -- "$work" > "$work/names.txt"
# A control: a formula written as it is, which LibreOffice must compute.
printf 'a,b\r\nx,=1+1\r\n' > "$work/control.csv"

# Its own profile, so that a desktop LibreOffice of the user is not touched.
soffice_run() {
  soffice -env:UserInstallation="file://$work/profile" --headless "$@" >/dev/null 2>&1
}
say "LibreOffice: $(soffice --version 2>/dev/null | head -1)"
# CSV import options: comma, double quote, UTF-8 (76), from line 1; the
# rest (formulas evaluated, special numbers detected) as a user gets them.
soffice_run --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$work/out" \
  "$work/control.csv" "$work/don-vi.csv" "$work/so-lieu-nam.csv"
soffice_run --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$work/back" \
  "$work/out/don-vi.xlsx" "$work/out/so-lieu-nam.xlsx"

python3 - "$work" <<'EOF'
import csv, pathlib, re, sys, zipfile

work = pathlib.Path(sys.argv[1])
names = [line.replace("\\t", "\t") for line in (work / "names.txt").read_text("utf-8").splitlines()]
failures = []

def sheet(name):
    with zipfile.ZipFile(work / "out" / name) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = z.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in z.namelist() else ""
    return xml, strings

xml, _ = sheet("control.xlsx")
if "<f" not in xml:
    failures.append("control: LibreOffice did not compute =1+1, so this check proves nothing")

for file in ["don-vi.xlsx", "so-lieu-nam.xlsx"]:
    xml, _ = sheet(file)
    formulas = re.findall(r"<f[ >][^<]*</f>", xml)
    if formulas:
        failures.append(f"{file}: formulas computed: {formulas[:5]}")

def rows(file):
    with open(work / "back" / file, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))

units = rows("don-vi.csv")
shown = [row[1] for row in units[1:]]
for name, cell in zip(names, shown):
    if cell != "'" + name:
        failures.append(f"don-vi.csv: {name!r} shows as {cell!r}, not as the text '{name}")
if len(shown) != len(names):
    failures.append(f"don-vi.csv: {len(shown)} units read back, {len(names)} written")
if any(row[5] != "'=A1" for row in units[1:]):
    failures.append("don-vi.csv: the district =A1 was not kept as text")

years = rows("so-lieu-nam.csv")
header = years[0]
members, profit = header.index("Số thành viên"), header.index("Lợi nhuận trước thuế")
for row in years[1:]:
    if row[members] != "12" or row[profit] != "-2.5":
        failures.append(f"so-lieu-nam.csv: numbers changed: {row[members]!r}, {row[profit]!r}")
xml, _ = sheet("so-lieu-nam.xlsx")
if not re.search(r'<c r="K2"[^>]*t="n"[^>]*><v>-2.5</v>', xml):
    failures.append("so-lieu-nam.xlsx: -2.5 is not a number cell")

if failures:
    print("\n".join("[interop] FAIL " + f for f in failures))
    sys.exit(1)
print(f"[interop] ok: {len(names)} formula-looking names shown as text, nothing computed, numbers kept")
EOF
