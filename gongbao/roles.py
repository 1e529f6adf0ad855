"""The vocabulary of responsibility: every word a tag, a label line or a table header uses.

One table, ``WORDS``, lists each word with its class and the role it gives; the patterns
the tokenizer, the outline (label lines) and the table reader (column headers) use are
generated from it, so that a new form is added once and every path reads it.

Classes:

- ``verb``: closes a clause of units (…负责, …牵头, …配合);
- ``label``: opens one (责任单位：…); its head (单位, 部门, 处室, 科室 …) is free;
- ``person``: a label whose value names people (牵头领导：王健), kept as the task's leaders;
- ``deadline``: a label giving time (完成时限：…); ``when``: a time phrase that is a whole clause
  (年内持续推进, 2025年底前完成), kept as the deadline; ``time``: a word of time in a table cell;
- ``scope``: a label whose value is a place or field (适用范围：…), kept as a note;
- ``mark``: a bracketed role after one unit in a list (区住建交通局（牵头）);
- ``prep``: a word inside a clause that orders its units (由, 会同, 以…为主).

Roles: ``lead`` (牵头), ``support`` (配合 …), ``guide`` (指导), ``shared`` (explicitly
divided: 按职责分工负责, 共同负责), ``responsible`` (plain 负责: sole or shared by context),
``implement`` (落实, 组织实施: support beside a lead, otherwise like 负责).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    text: str  # a regular expression fragment
    cls: str
    role: str | None
    where: str  # where it occurs, so a reader knows why it is here


WORDS: tuple[Word, ...] = (
    # -- verbs, longest first within a role ---------------------------------------------
    Word(r"(?:依|按|根据)(?:照)?(?:各自)?(?:职责|职能)(?:分工)?(?:负责|落实|抓好落实|推进|实施)?", "verb", "shared",
         "（市市场监管局、市科技局依职责分工负责） — the sample, most provincial plans"),
    Word(r"分工负责", "verb", "shared", "（A、B分工负责）"),
    Word(r"共同(?:负责|落实|推进|实施)(?:落实)?", "verb", "shared", "（A、B共同负责） — national plans"),
    Word(r"(?:各自|分别)(?:负责|落实|推进|实施)(?:落实)?", "verb", "responsible",
         "（市政府各部门分别负责，年内持续推进） — Tianjin: one collective is sole, several units share"),
    Word(r"分别牵头(?:负责|落实)?", "verb", "lead", "市金融办、…分别牵头落实 — Weifang table cells"),
    Word(r"(?:负总责|总负责|牵头抓总|抓总|负主责|主责|主抓)", "verb", "lead",
         "（市政府负总责）, （市住建局主责，…） — county plans"),
    Word(r"牵头(?:负责|落实|组织|推进|实施|协调|抓总|督办)?(?:落实)?", "verb", "lead",
         "（市市场监管局牵头，…） — everywhere"),
    Word(r"(?:具体|全面|主要)负责(?:落实|实施)?", "verb", "responsible", "（区住建局具体负责）"),
    Word(r"负责(?:落实|实施|推进|组织实施)?", "verb", "responsible", "（市交通委负责落实） — everywhere"),
    Word(r"(?:组织落实|组织实施|抓好落实|推进落实)", "verb", "implement",
         "（市发展改革委牵头负责，各区政府组织落实）"),
    Word(r"(?:配合|参与|协助|协同|协办|支持)(?:落实|实施|推进|配合)?", "verb", "support",
         "（…牵头，市财政局配合） — everywhere"),
    Word(r"指导", "verb", "guide", "（省教育厅指导，各市落实） — Jiangxi"),
    Word(r"落实", "verb", "implement", "（各县区政府落实）"),
    # -- labels: a role word and a head --------------------------------------------------
    Word(r"牵头(?:责任|负责)?", "label", "lead",
         "牵头单位：/牵头责任单位： — Shandong, Liaoning, Qinghai; 牵头负责部门 columns (State Council)"),
    Word(r"(?:主责|主要责任|主体责任|主管)", "label", "lead", "主责单位： — county task lists"),
    Word(r"(?:协同责任|协同配合|配合|协办|参与|协助|协同|协作|支持)", "label", "support",
         "配合单位：/协同责任单位：/参与单位： — provincial divisions"),
    Word(r"(?:责任|负责|承办|主办|实施|落实|执行|具体责任|公开|业主)", "label", "responsible",
         "责任单位：/负责部门：/责任科室： — everywhere; 负责部门 in the national FTZ measures; "
         "主办单位： (Xuzhou) carries the task, beside 协办单位 the partners support; 公开主体 columns of "
         "disclosure catalogues (基层政务公开标准目录): the body that must publish; 业主单位 (the "
         "project owner) in project tables"),
    # -- person labels: people, not actors -----------------------------------------------
    Word(r"(?:(?:市|省|县|区|州)(?:政府)?)?(?:牵头负责|牵头|责任|分管|联系|领衔|包抓|包联|挂帅|督办)"
         r"(?:市|省|县|区|州|镇)?(?:政府)?领导"
         r"|(?:责任|联系|负责|经办)人", "person", None,
         "牵头领导：王健 (Liaoning), 牵头市领导：汤飞帆 (Quzhou), 责任领导 columns"),
    # -- deadline labels and phrases ----------------------------------------------------
    Word(r"(?:完成|办结)(?:时限|时间|期限)|时间(?:节点|安排|要求)|时限(?:要求)?|进度安排|推进时限",
         "deadline", None, "完成时限：2024年底 — label lines and table columns"),
    Word(r"(?:年内|长期|持续|常态化|逐年|每年|按年度|分年度|分阶段)(?:持续)?(?:推进|坚持|实施|完成|落实)?"
         r"|(?:19|20)\d{2}年[^，；。、]{0,10}?(?:前|底|末|内|起)?(?:完成|实现|建成|到位|落实|推进)?(?:任务)?"
         r"|\d{1,2}月(?:底)?前(?:完成)?", "when", None,
         "（市政府各部门分别负责，年内持续推进） — Tianjin; 2025年底前完成 in county lists"),
    Word(r"\d{4}\s*年|\d{1,2}\s*月|底前|年底|长期|持续|常态化|季度|每年|全年|年内|上半年|下半年|逐年", "time", None,
         "a word of time anywhere in a table cell: 12月底前, 全年, 长期坚持 — 完成时限 columns"),
    # -- scope labels --------------------------------------------------------------------
    Word(r"(?:适用|实施|试点)范围", "scope", None, "（负责部门：海关总署，适用范围：福建自贸试验区） — national FTZ"),
    # -- marks after a unit --------------------------------------------------------------
    Word(r"牵头|主责|负总责|牵头单位|总牵头", "mark", "lead", "责任单位：区住建交通局（牵头）、区城管委"),
    Word(r"[*＊★]", "star", "lead", "区政府办公室*、区财政局 — Zhejiang lists: 带*号的为牵头单位"),
    Word(r"配合|协办|参与", "mark", "support", "责任单位：A（牵头）、B（配合）"),
    # -- prepositions --------------------------------------------------------------------
    Word(r"由", "prep", None, "由市财政局负责 — in-sentence tags"),
    Word(r"会同|联合|协调", "prep", "with", "（市发展改革委会同有关部门负责）: the first leads"),
)

# The head of a label: 责任单位, 牵头部门, 责任处室, 责任科室, 配合机构, 责任主体.
LABEL_HEADS = r"(?:单位|部门|处室|科室|机构|主体|处|科|股|室)"

# Notes inside a tag that change how it (and later tags) read.
# 列第一位者为牵头单位，下同 / 首位单位为牵头单位 / 排名第一位为牵头单位 / 排在第一位的部门为牵头部门 /
# 除标注“分别牵头”外，列第一位为牵头或汇总单位.
FIRST_LEADS = re.compile(
    r"(?:排在|排|列|位列|排名|列在)?(?:第一位|首位|第一|首个|前面)(?:的|者)?(?:单位|部门|者)?"
    r"(?:为|是|作为)(?:工作)?(?:牵头|主责|责任牵头)(?:单位|部门)?(?:或汇总单位)?"
)
# Standing actors, stated once for the tasks that follow, and not repeated there:
# 以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出 (Huai'an) /
# 具体任务均涉及相关市（州）人民政府，不再做分工，下同 (Sichuan).
STANDING = re.compile(
    r"(?:以下|下列|具体|上述|各项|所有|全部)(?:[^，。；]{0,12}?)(?:均|都|全部)?(?:需|由|请|需由|要|涉及|包括)?"
    r"(?P<actor>[^。；]{2,60}?)(?:负责|落实|实施|执行|参与|配合)*[，,]?"
    r"(?:不再|不另|不一一)(?:做|作|单独|一一|重复)?(?:分工|列出|列明|标注|注明)"
)
# A person named as the leader of a heading's tasks: 一、王丹县长牵头重点工作 (Haiyan).
POSTS = r"(?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|主任|书记|秘书长|主席)"
HEADING_LEADER = re.compile(rf"^(?P<person>[\u4e00-\u9fff]{{2,4}}?)(?P<post>{POSTS})(?:牵头|负责|分管|领衔)")
# A heading that names who leads the tasks under it: 一、县示范区管委会牵头工作（8项） (Qinxian),
# （二）省审计厅牵头的工作 (Shanxi).
HEADING_LEAD = re.compile(r"^(?P<tag>(?P<units>[^，。；：]{2,60}?)(?:牵头|负责|主抓))(?:的)?(?:重点|主要)?"
                          r"(?:工作|任务|事项)+(?:（\d+项）)?$")
# Other notes: 下同, 不再列出, 除标注…外.
NOTE = re.compile(r"下同|不再(?:单独|一一)?列出|除标注|以下(?:各项|任务|措施)")


def _alt(cls: str, role: str | None = None) -> str:
    return "|".join(w.text for w in WORDS if w.cls == cls and (role is None or w.role == role))


VERB_WORDS = tuple(w for w in WORDS if w.cls == "verb")
VERB = re.compile(f"(?:{_alt('verb')})")
# A label ends with a colon; one source writes a semicolon there (（责任单位;住建局…）, Fuyu).
LABEL = re.compile(rf"(?P<label>(?:{_alt('label')}){LABEL_HEADS})[：:；;]")
PERSON_LABEL = re.compile(rf"(?P<label>{_alt('person')})[：:]")
DEADLINE_LABEL = re.compile(rf"(?P<label>{_alt('deadline')})[：:]")
DEADLINE_PHRASE = re.compile(_alt("when"))
TIME_WORD = re.compile(_alt("time"))
SCOPE_LABEL = re.compile(rf"(?P<label>{_alt('scope')})[：:]")
MARK = re.compile(rf"[（(<〈‹](?P<mark>{_alt('mark')})[）)>〉›]")
STAR = re.compile(_alt("star"))
# Any label that opens a part of a tag, longest first (牵头责任单位 before 责任单位).
ANY_LABEL = re.compile("|".join(f"(?:{rx.pattern.replace('?P<label>', '')})"
                                 for rx in (PERSON_LABEL, LABEL, DEADLINE_LABEL, SCOPE_LABEL)))

# A line that is a label tag or its deadline: 责任单位：…, 牵头领导：…, 完成时限：….  It never
# continues the line before it, and nothing continues it (structure, paragraphs).
LABEL_LINE = re.compile(rf"^(?:{ANY_LABEL.pattern})")
DEADLINE_LABEL_LINE = re.compile(rf"^{DEADLINE_LABEL.pattern}")


# A support word anywhere in a column header: 责任主体与协同单位, 责任单位（配合）.
SUPPORT_WORD = re.compile(f"(?:{_alt('label', 'support')})")


def label_role(label: str) -> str | None:
    """The role a label gives: 牵头单位 → lead, 配合部门 → support, 责任科室 → responsible."""
    stem = re.sub(rf"{LABEL_HEADS}$", "", label)
    for w in WORDS:
        if w.cls == "label" and re.fullmatch(w.text, stem):
            return w.role
    return None


def verb_role(verb: str) -> str:
    for w in VERB_WORDS:
        if re.fullmatch(w.text, verb):
            return w.role or "responsible"
    return "responsible"


def mark_role(mark: str) -> str | None:
    for w in WORDS:
        if w.cls == "mark" and re.fullmatch(w.text, mark):
            return w.role
    return None


# Table column headers, generated from the same words: a header is a label without its colon.
COLUMN_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("seq", re.compile(r"^(?:序号|编号|序)$")),
    *((role, re.compile(rf"^(?:{_alt('label', role)}){LABEL_HEADS}")) for role in ("lead", "support", "responsible")),
    ("person", re.compile(rf"^(?:{_alt('person')})$")),
    ("deadline", re.compile(rf"^(?:{_alt('deadline')})|^[\u4e00-\u9fff]{{0,4}}(?:时限|期限)$")),
    # units that score or supervise, not units that do the task: 评分部门, 考核单位, 督查单位
    ("assessor", re.compile(r"^(?:评分|考核|监督|督查|督导|评估|审核|监考|验收)(?:责任)?(?:部门|单位|科室)$")),
    # places, whose cells look like units (相关镇（街道）): 建设地点, 实施地点, 涉及镇街
    ("place", re.compile(r"^(?:建设|实施|项目|所在|涉及)?(?:地点|地址|区域|地区|镇街|乡镇|位置)$")),
    ("name", re.compile(r"^(?:(?:重点|主要|年度|民生|目标|具体|公开|考核)*(?:工作)?(?:任务|事项|工作|项目|实事|指标)"
                        r"(?:名称|事项)?|[\u4e00-\u9fff]{0,4}类别|[\u4e00-\u9fff]{2,6}名称)$")),
    ("content", re.compile(r"^(?:(?:任务|具体|主要|工作|重点|政策|目标|项目|考核|建设|公开)*"
                           r"(?:内容|措施|举措|要求|目标|任务)(?:描述|要点|要素)?|工作任务及目标|目标与任务|目标任务)$")),
    ("other", re.compile(r"^(?:备注|说明|指标|目标|预期目标|完成标准|工作标准|考核指标|进度)$")),
)


# The roles a responsibility can have, strongest first: the one order of every listing, export,
# picture and SQL ranking (lead 牵头, sole 负责 alone, shared 共同/分工负责, guide 指导, support 配合).
ROLE_ORDER = ("lead", "sole", "shared", "guide", "support")


def role_rank_sql(column: str = "role") -> str:
    """A SQL expression ranking ``column`` by ROLE_ORDER (unknown roles last)."""
    whens = " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ROLE_ORDER))
    return f"CASE {column} {whens} ELSE {len(ROLE_ORDER)} END"
