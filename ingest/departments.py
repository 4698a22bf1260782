"""Where a policy text names the department that leads or carries out a task.

Read by the answerer (a 牵头部门 question) and by the rules drafter (an obligation's lead department).
"""

from __future__ import annotations

import re

from ingest.lexicon import departments

DEPARTMENT_RE = re.compile(r"(?:牵头部门|牵头单位|责任部门|责任单位|责任处室|主责部门|牵头处室|主管部门)(?:[:：]|为|是)\s*([^)）。;；,，]+)")
# a body's name never holds 由 ("…节能监察由市节能监察中心牵头": the body starts after 由)
# "市生态环境主管部门" is a body too; "相关部门" names no one
BODY = r"(?:(?!由)[\u4e00-\u9fff、]){1,30}?(?:委员会|管委会|人民政府|政府|主管部门|局|委|厅|部|办|室|中心|处|所)"
# "(市大数据发展局、市发展改革委)" or "(省机关事务局负责)" closing a task: who carries it out
# in any bracket ("〔省住房城乡建设厅牵头,省发展改革委(能源局)…等按职责分工负责〕"); a bracket right after
# a body's name is its other name ("省发展改革委(能源局)"), no note
DEPARTMENT_NOTE_RE = re.compile(r"(?<![委局厅部办府心处])[(（〔【]((?:[\u4e00-\u9fff]{1,20}?(?:委员会|管委会|人民政府|政府|局|委|厅|部|办|中心|处)、?)+)"
                                r"(?:负责|牵头)?[,，]?(?:[^()（）〔〕【】]|[(（][^()（）]{1,10}[)）]){0,60}?[)）〕】]")
# the department named in running text: "由市发展改革委牵头", "办公室设在市林草局", "省生态环境厅负责"
DEPARTMENT_PROSE_RE = re.compile(rf"由({BODY})(?:牵头|负责|会同|统筹|组织|具体)|设在({BODY})|(?:^|[,，;；])({BODY})(?:负责|牵头|会同)")
# the bodies a department works with: "区发展改革委会同区财政局、区经信局、区统计局联审"
PARTNERS_RE = re.compile(rf"(?:会同|联合|配合)((?:{BODY}[、和及与]?)+)")
# a question for them: "区发改委要会同哪些部门联审", "配合单位有哪些"
PARTNERS_ASKED_RE = re.compile(r"(?:会同|联合|配合|协同)(?:哪些|哪几个|哪个|什么)(?:部门|单位)|配合(?:部门|单位)")
# any body a clause names, from its level on ("纳入区发改委年度项目预算"): the last resort of a 谁 question
# ("市绿色金融区域布局" ends in 局 and is no body; "落实省委省政府关于…部署" cites who decided, not who acts)
NAMED_BODY_RE = re.compile(r"(?:国家|省|市|区|县|镇|街道|属地)[\u4e00-\u9fff]{1,12}?"
                           r"(?:委员会|管委会|人民政府|政府|(?<![布格全大结开变破])局|委|厅|办公室|中心|集团公司)"
                           r"(?!关于|的?(?:决策|部署|要求|精神))")

# the short forms documents themselves use when they name a department ("市发展改革委")
SHORT_FORMS = (("发展和改革委员会", "发展改革委"), ("经济和信息化委员会", "经济信息化委"), ("经济和信息委员会", "经济信息委"),
               ("住房和城乡建设委员会", "住房城乡建设委"), ("委员会", "委"))
# bodies that issue a document for a government rather than lead its work
NOT_A_LEAD_RE = re.compile(r"人民政府|办公厅|办公室|管理委员会|管委会|联席会议")


def issuing_department(issuer: str, region: str) -> str | None:
    """The department that issued a document, in the short form its clauses use ("上海市徐汇区发展和改革
    委员会" of 徐汇区 is "区发展改革委"); the first of several issuers; None when a government or its
    office issued it."""
    first = re.split(r"[、,，\s]+", issuer or "")[0]
    first = re.sub(r"(?<=[厅局委])办公室$", "", first)  # "四川省经济和信息化厅办公室" issues for its 厅
    if not first or NOT_A_LEAD_RE.search(first) or not re.search(r"(?:局|委员会|委|厅)$", first):
        return None
    if region and region in first:
        first = region[-1] + first[first.index(region) + len(region):]
    for long, short in SHORT_FORMS:
        first = first.replace(long, short)
    return first


# the level a department's name starts with ("省工信厅", "各区人民政府"), kept when the rest is looked up
LEVEL_RE = re.compile(r"^(?:各(?:县\(市\)区|县\(市、区\)|区县|市州|市县|市|区|县)|国家|自治区|省|市|州|区|县|镇|街道)")


def department_name(printed: str, region: str = "") -> str:
    """The one name of a department, whatever form the document prints: 市发改委, 市发展改革委 and
    市发展和改革委员会 are all 市发展改革委 (the lexicon's departments.txt). A name that starts with
    the document's own region ("武汉市经信局" of 武汉市) starts with its level instead ("市经信局")."""
    name = re.sub(r"\s+", "", printed)
    if region and name.startswith(region) and len(name) > len(region):
        name = region[-1] + name[len(region):]
    level = LEVEL_RE.match(name)
    prefix = level.group(0) if level else ""
    return prefix + departments().get(name[len(prefix):], name[len(prefix):])
