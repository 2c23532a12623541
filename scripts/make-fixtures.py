#!/usr/bin/env python3
"""Writes the end-to-end workspace fixtures tests/fixtures/t1-on-time.json
and tests/fixtures/t1-late.json from the built-in plan as JSON on stdin:

    cargo run -q --no-default-features --example print_plan | python3 scripts/make-fixtures.py

Both workspaces hold five HTX that must reorganise under the 2012 law
(founded 2010), three of which finished by the baseline date 31/12/2017
(60 %) and a fourth on 01/01/2018 (80 %). The fifth finishes on 15/05/2018 in
t1-on-time and never in t1-late. Against plan 135 (T1: 100 % by 30/06/2018):

    T1 as of   2018-01-01   2018-07-01
    on-time    on-track     met
    late       on-track     missed

As of 01/01/2018 the straight line from the baseline (60 % on 31/12/2017) to
100 % on 30/06/2018 stands at 60.2 %, below the 80 % reached.

They also hold a cooperative group, a dissolved inactive cooperative,
a recognition and yearly records, so that the other targets show values.

With --csv (no plan on stdin) it writes instead the units files as Excel
on a Vietnamese Windows PC saves them, for the encoding tests:

    python3 scripts/make-fixtures.py --csv

- units-windows-1258.csv: "CSV (Comma delimited)", the ANSI code page
  windows-1258, semicolon-separated (the Vietnamese list separator), tone
  marks as combining characters after the base letter (as Windows writes
  them: "Đồng" is Đ, ô, combining grave, n, g);
- units-utf16le.txt: "Unicode Text", UTF-16 little-endian, tab-separated,
  here without its byte-order mark (as other tools write it);
- units-utf16-bom.txt: the same with the byte-order mark Excel writes.

Python's cp1258 codec maps only the characters windows-1258 has as such
(ô, ơ, ư, đ, á, ...), so letters with a tone it lacks ("ồ", "ợ") are first
split into the base letter windows-1258 has and the combining tone mark
(to_cp1258 below). Each file's names are listed in CSV_NAMES, in NFC, for
the tests to compare with.
"""
import json
import pathlib
import sys
import unicodedata

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"

DISTRICTS = ["Thủy Nguyên", "An Dương", "Tiên Lãng", "Vĩnh Bảo", "Kiến Thụy"]
SECTORS = ["nong-nghiep", "nong-nghiep", "thuong-mai-dich-vu", "cong-nghiep", "nong-nghiep"]
NAMES = [
    "HTX Nông nghiệp Lập Lễ",
    "HTX Dịch vụ nông nghiệp An Hồng",
    "HTX Thương mại Tiên Thắng",
    "HTX Mây tre đan Vĩnh An",
    "HTX Nông nghiệp Đại Hợp",
]


def managers(trained, college):
    roles = ["chair", "director", "accountant", "controller"]
    return [
        {
            "role": role,
            "qualification": "college" if i < college else "intermediate",
            "trained": i < trained,
        }
        for i, role in enumerate(roles)
    ]


def year(y, i):
    return {
        "year": y,
        "members": 120 + 15 * i,
        "regular_workers": 8 + i,
        "charter_capital": f"{1500 + 250 * i}",
        "total_capital": f"{4200 + 600 * i}.5",
        "revenue": f"{2900 + 100 * i + (300 if y == 2018 else 0)}",
        "pre_tax_profit": f"{110 + 10 * i}",
        "value_added": f"{850 + 40 * i + (90 if y == 2018 else 0)}.25",
        "average_worker_income": "60",
        "staff": 6,
        "staff_trained": 4 if y == 2017 else 5,
        "key_managers": managers(trained=2 if y == 2017 else 3, college=2),
    }


def workspace(plan, name, fifth_done):
    completions = ["2017-03-01", "2017-06-01", "2017-12-31", "2018-01-01", fifth_done]
    units = []
    for i, done in enumerate(completions):
        reorganisation = {"required": True}
        if done:
            reorganisation["completed_on"] = done
        units.append(
            {
                "id": f"htx-{i + 1}",
                "name": NAMES[i],
                "kind": "htx",
                "registration_code": f"0200{i + 1:02d}",
                "sector": SECTORS[i],
                "district": DISTRICTS[i],
                "founded": f"2010-0{i + 1}-15",
                "model": "service_supply",
                "reorganisation": reorganisation,
                "years": [year(2017, i), year(2018, i)],
            }
        )
    units[0]["recognitions"] = [{"year": 2019, "decision": "Quyết định số 123/QĐ-UBND (kiểm thử)"}]
    # Founded after 01/07/2013: not required to reorganise, so T1 ignores it.
    units.append(
        {
            "id": "htx-6",
            "name": "HTX Vận tải Cát Hải",
            "kind": "htx",
            "sector": "giao-thong-van-tai",
            "district": "Cát Hải",
            "founded": "2014-05-01",
            "reorganisation": {"required": False},
            "status_history": [
                {"status": "inactive", "since": "2016-09-01"},
                {"status": "dissolved", "since": "2018-03-01"},
            ],
            "years": [],
        }
    )
    units.append(
        {
            "id": "tht-1",
            "name": "Tổ hợp tác rau sạch Đặng Cương",
            "kind": "tht",
            "sector": "nong-nghiep",
            "district": "An Dương",
            "founded": "2016-02-01",
            "reorganisation": {"required": False},
            "group": {"contract_authenticated": True, "meets_legal_conditions": True},
            "years": [],
        }
    )
    return {
        "schema_version": 2,
        "id": "main",
        "name": name,
        "illustrative": False,
        "plan": plan,
        "units": units,
        "city_years": [
            {"year": 2017, "grdp_current_prices": "245000", "extra_collective_value_added": "1500"},
            {"year": 2018, "grdp_current_prices": "284000.5"},
        ],
    }


# Combining tone marks: grave, acute, tilde, hook above, dot below. Windows
# keeps them apart from the letter when windows-1258 has no character for both.
TONES = "\u0300\u0301\u0303\u0309\u0323"

# Units of each CSV fixture: (name, kind, registration code, district, commune).
CSV_NAMES = {
    "units-windows-1258.csv": [
        ("Hợp tác xã Đồng Thái", "HTX", "0201000101", "An Dương", "Đồng Thái"),
        ("HTX Nông nghiệp Lưu Kiếm", "HTX", "0201000102", "Thủy Nguyên", "Lưu Kiếm"),
        ("Tổ hợp tác rau sạch Đặng Cương", "THT", "", "An Dương", "Đặng Cương"),
    ],
    "units-utf16le.txt": [
        ("HTX Dịch vụ Tiên Thắng", "HTX", "0201000201", "Tiên Lãng", "Tiên Thắng"),
        ("Quỹ tín dụng nhân dân Vĩnh Bảo", "QTDND", "0201000202", "Vĩnh Bảo", "Thị trấn Vĩnh Bảo"),
    ],
    "units-utf16-bom.txt": [
        ("HTX Mây tre đan Hữu Bằng", "HTX", "0201000301", "Kiến Thụy", "Hữu Bằng"),
        ("Liên hiệp HTX Thủy sản Cát Bà", "LHHTX", "0201000302", "Cát Hải", "Cát Bà"),
    ],
}

HEADER = ["Tên đơn vị", "Loại hình", "Mã số HTX", "Quận, huyện", "Xã, phường"]


def to_cp1258(text):
    """Text as windows-1258 bytes, the way Windows converts it."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        split = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in split if c not in TONES))
        tones = "".join(c for c in split if c in TONES)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def csv_fixtures():
    for file, rows in CSV_NAMES.items():
        if file.endswith(".csv"):
            lines = [";".join(HEADER)] + [";".join(row) for row in rows]
            data = to_cp1258("\r\n".join(lines) + "\r\n")
            # Windows would not write a single character the file has
            # to get right in NFC: check a combining mark is there.
            assert b"\xcc" in data, "a combining grave (Đồng)"
        else:
            lines = ["\t".join(HEADER)] + ["\t".join(row) for row in rows]
            data = ("\r\n".join(lines) + "\r\n").encode("utf-16-le")
            if "bom" in file:
                data = b"\xff\xfe" + data
        (OUT / file).write_bytes(data)
        print("wrote", OUT / file)


def main():
    if sys.argv[1:] == ["--csv"]:
        return csv_fixtures()
    plan = json.load(sys.stdin)
    OUT.mkdir(parents=True, exist_ok=True)
    for file, name, fifth in [
        ("t1-on-time.json", "Kiểm thử: chuyển đổi đúng hạn", "2018-05-15"),
        ("t1-late.json", "Kiểm thử: chuyển đổi không kịp", None),
    ]:
        doc = workspace(plan, name, fifth)
        (OUT / file).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print("wrote", OUT / file)


if __name__ == "__main__":
    main()
