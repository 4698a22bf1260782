"""A government web page saved from the browser, read as the article it carries.

A 政府网站 page wraps one notice in navigation, a column menu, share buttons, "相关链接" lists and a
footer; those name dozens of other regions and departments and would spoil the document's region
scope and its title. The article is the block with the most text of its own (text outside links);
navigation-like blocks (nav, header, footer, aside, forms, and blocks whose class or id says menu,
share, footer, breadcrumb …) are dropped first. Tables stay tables: one line a row, cells by tabs.
"""

from __future__ import annotations

import re

# blocks that are never the article, by tag or by what their class or id says they are
DROPPED_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button")
NOT_ARTICLE_RE = re.compile(r"nav|menu|footer|foot|header|share|breadcrumb|crumb|sidebar|side|related|links|"
                            r"friend|copyright|toolbar|search|login|banner|position|location", re.IGNORECASE)
BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "table")
CANDIDATE_TAGS = ("article", "div", "section", "td", "main", "body")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
ARTICLE_SHARE = 0.8  # a block with less than this share of the text is a part of the article, not all of it


def _own_text_length(element) -> int:
    """Chinese characters inside ``element`` that are not the words of a link."""
    total = len(CJK_RE.findall(element.text_content()))
    linked = sum(len(CJK_RE.findall(a.text_content())) for a in element.iter("a"))
    return total - linked


def _drop_chrome(root) -> None:
    for element in list(root.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        label = f"{element.get('class', '')} {element.get('id', '')}"
        if label.strip() and NOT_ARTICLE_RE.search(label) and element.tag not in ("body", "html"):
            element.drop_tree()


def _article(root):
    """The innermost block holding most of the page's own text (ARTICLE_SHARE of the largest)."""
    lengths = [(element, _own_text_length(element)) for element in root.iter(*CANDIDATE_TAGS)]
    if not lengths:
        return root
    largest = max(length for _, length in lengths)
    holding = [element for element, length in lengths if length >= ARTICLE_SHARE * largest]
    return max(holding, key=lambda element: sum(1 for _ in element.iterancestors()))


def _lines(element) -> list[str]:
    """The element's text, a line per block, a table row as tab-separated cells."""
    for table in list(element.iter("table")):
        rows = []
        for row in table.iter("tr"):
            cells = [re.sub(r"\s+", "", cell.text_content()) for cell in row if cell.tag in ("td", "th")]
            if any(cells):
                rows.append("\t".join(cells))
        table.clear()
        table.text = "\n" + "\n".join(rows) + "\n"
    for block in element.iter(*BLOCK_TAGS):
        block.tail = "\n" + (block.tail or "")
        if block.tag == "br":
            continue
        block.text = "\n" + (block.text or "")
    text = element.text_content()
    lines = [re.sub(r"[ \u3000\xa0]+", " ", line).strip() for line in text.split("\n")]
    return [line for line in lines if line]


def html_text(markup: str) -> str:
    """The article of a saved web page as plain text lines (its title first when the page names it)."""
    import lxml.html

    # lxml's own limits stay on (a text run over 10 MB, nesting past 256 levels); it then drops the rest
    # of the page quietly, so its error log is read: a page cut short is refused, not indexed in part
    parser = lxml.html.HTMLParser()
    root = lxml.html.document_fromstring(markup, parser=parser)
    cut = [entry for entry in parser.error_log if entry.type_name == "ERR_RESOURCE_LIMIT"]
    if cut:
        raise ValueError(f"it goes past the HTML parser's limits, a text run over 10 MB or nesting past 256 levels "
                         f"({cut[0].message.strip()})")
    title = root.findtext(".//title") or ""
    _drop_chrome(root)
    body = root.find("body")
    lines = _lines(_article(body if body is not None else root))
    # a page title is usually "文件标题_栏目_网站名": its first part is the document's title
    heading = re.split(r"[_|｜\-–—]{1}", title.strip())[0].strip() if title.strip() else ""
    if heading and not any(heading in line for line in lines[:5]):
        lines.insert(0, heading)
    return "\n".join(lines)
