"""A synthetic corpus of gazette issues for scale benchmarks.

Issues are made from templates of the real structures (masthead and contents; a
notice issuing a plan with chapters 一、, sections （一）, items 1., tags in the
styles of issue 2 and 3, 专栏 boxes with indicator tables; measures with 第X条;
now and then a responsibility table 分工表) filled with sentences taken from the
bundled sample and national documents and department names from the directories.
Deterministic for a seed.  Run:

    python benchmarks/gen_corpus.py OUT_DIR [N_ISSUES] [PAGES_PER_ISSUE]
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CN = "一二三四五六七八九十"
CITIES = ["济南市", "青岛市", "淄博市", "烟台市", "潍坊市", "济宁市", "泰安市", "威海市"]
CHARS_PER_PAGE = 1500


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    return ("" if n < 20 else CN[n // 10 - 1]) + "十" + (CN[n % 10 - 1] if n % 10 else "")


def sentences() -> list[str]:
    texts = [(ROOT / "data/samples/jinan-gazette-2023-22.txt").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/corpus").glob("0*.txt"))]
    out = []
    for t in texts:
        for s in re.split(r"(?<=。)", re.sub(r"（[^（）]*(负责|牵头|指导|参与)）", "", t)):
            s = s.strip()
            if 15 <= len(s) <= 120 and "\t" not in s and not re.match(r"^[（(一二三四五六七八九十\d第]", s):
                out.append(s.replace("\n", ""))
    return out


def units() -> list[str]:
    data = json.loads((ROOT / "data/departments/370100-jinan.json").read_text(encoding="utf-8"))
    return [d["names"][0] for d in data["departments"]
            if d.get("names") and d["names"][0].startswith("市") and d["kind"] in ("bureau", "commission")
            and not d.get("until")]


def tag(rng: random.Random, us: list[str]) -> str:
    k = rng.choice([1, 1, 2, 2, 3, 4, 5])
    names = rng.sample(us, k)
    style = rng.random()
    if k == 1:
        return f"（{names[0]}负责）"
    if style < 0.5:
        return f"（{'、'.join(names)}依职责分工负责）"
    if style < 0.75:
        return f"（{names[0]}牵头，{'、'.join(names[1:])}配合）"
    if style < 0.9:
        return f"（责任单位：{'、'.join(names)}）"
    return f"（{names[0]}牵头，市政府有关部门依职责分工负责）"


def paragraph(rng: random.Random, pool: list[str], n: int) -> str:
    return "".join(rng.choice(pool) for _ in range(n))


def issue(rng: random.Random, k: int, pages: int, pool: list[str], us: list[str]) -> str:
    city = rng.choice(CITIES)
    year = 2015 + k % 10
    number = 1 + k % 24
    target = pages * CHARS_PER_PAGE
    topic = rng.choice(["数字经济", "计量", "乡村振兴", "营商环境", "绿色低碳", "食品安全"])
    plan_title = f"{city}{rng.choice(['推进', '加快', '深化'])}{topic}发展实施方案"
    notice = f"{city}人民政府关于印发{plan_title}的通知"
    docnum = f"{city[0]}政发〔{year}〕{10 + k % 80}号"
    out = [f"{city}人民政府公报", "", f"{year}年第{number}期", f"(总第{300 + k}期)", "",
           f"{year}年{1 + k % 12}月{1 + k % 28}日出版", "", "目 录", "", "【市政府文件】", "",
           notice, f"({docnum}) (2)", "", notice, "", docnum, "", "各区县人民政府，市政府各部门：", "",
           f"现将《{plan_title}》印发给你们，请认真组织实施。", "", f"{city}人民政府", "",
           f"{year}年{1 + k % 12}月{1 + k % 28}日", "", plan_title, "", paragraph(rng, pool, 3), ""]
    size = sum(len(x) for x in out)
    ch = 0
    box = 0
    while size < target * 0.8:
        ch += 1
        out += [f"{cn(ch)}、{paragraph(rng, pool, 1)[:12].rstrip('。，')}", ""]
        for sec in range(1, rng.randint(4, 8)):
            text = f"（{cn(sec)}）{paragraph(rng, pool, rng.randint(3, 9))}{tag(rng, us)}"
            out += [text, ""]
            size += len(text)
            if rng.random() < 0.12:
                box += 1
                out += [f"专栏{box} {paragraph(rng, pool, 1)[:10].rstrip('。，')}", ""]
                if rng.random() < 0.5:
                    out.append("类别\t主要指标\t2024年\t2025年\t属性")
                    for i in range(rng.randint(3, 8)):
                        out.append(f"{'类别' + str(i) if i % 3 == 0 else ''}\t指标{i}（项）\t{i * 3}\t{i * 4}\t预期性")
                else:
                    out += [paragraph(rng, pool, 2), "", paragraph(rng, pool, 2)]
                out.append("")
        if ch >= 60:
            break
    out += [f"（{year}年{1 + k % 12}月{1 + k % 28}日印发）", ""]
    return "\n".join(out)


def main(out_dir: Path, n: int = 1000, pages: int = 50, seed: int = 1) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    pool, us = sentences(), units()
    paths = []
    for k in range(n):
        rng = random.Random(seed * 100003 + k)
        path = out_dir / f"issue-{k:05d}.txt"
        if not path.exists():
            path.write_text(issue(rng, k, pages, pool, us), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    args = sys.argv[1:]
    ps = main(Path(args[0]), int(args[1]) if len(args) > 1 else 1000,
              int(args[2]) if len(args) > 2 else 50)
    total = sum(p.stat().st_size for p in ps)
    print(f"{len(ps)} issues, {total / 1e6:.1f} MB in {args[0]}")
