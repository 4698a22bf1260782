from ingest.chunking import chunk_document


def labels(doc):
    return [s.label for s in doc.sections]


def test_sections_follow_the_documents_own_headings(corpus_docs):
    doc = corpus_docs["000_3537c126d58e65da"]
    assert "三、重点举措 > (一)持续深入节能诊断挖潜 > 1.推进企业能源审计" in labels(doc)
    assert "二、工作目标及进度安排 > (二)能源审计" in labels(doc)
    assert "附件 > 嘉定区2022年重点用能企业名单" in labels(doc)
    # inline headings ("1.机遇。一是...") are titled by their first sentence
    assert "一、发展基础及面临的机遇和挑战 > (二)机遇和挑战 > 1.机遇" in labels(corpus_docs["002_c2c06887e32203b9"])


def test_sections_cover_the_text_in_order(corpus_docs):
    for doc in corpus_docs.values():
        starts = [s.start for s in doc.sections]
        assert starts == sorted(starts)
        assert all(s.end > s.start for s in doc.sections)


def test_table_rows_carry_their_header(corpus_docs):
    doc = corpus_docs["004_d5e1c319a3f67a30"]
    rows = [b for b in doc.blocks if b.kind == "row" and doc.text[b.start:b.end].startswith("绿色制造工厂")]
    assert len(rows) == 1
    row = rows[0]
    cells = doc.text[row.start:row.end].split("\t")
    columns = dict(zip(row.columns, cells))
    assert columns["全市累计"] == "50" and columns["全市2017年"] == "15"
    assert columns["海宁市累计"] == "9" and columns["嘉兴港区2017年"] == "-"


def test_flattened_table_header_is_rebuilt(corpus_docs):
    doc = corpus_docs["002_c2c06887e32203b9"]
    row = next(b for b in doc.blocks if b.kind == "row" and doc.text[b.start:b.end].startswith("公共充电桩建设规模"))
    assert row.columns == ("指标", "单位", "“十三五”目标值", "“十三五”实际值", "指标类型", "完成情况")
    assert row.section.label.endswith("表2金山区“十三五”节能降碳指标完成情况")


def test_chunks_never_split_a_table_row_or_cross_a_section(corpus_docs):
    for doc in corpus_docs.values():
        rows = {(b.start, b.end) for b in doc.blocks if b.kind in ("row", "header")}
        for chunk in chunk_document(doc, 320):
            assert doc.text[chunk.start:chunk.end] == chunk.text
            if chunk.kind == "table":
                offset = chunk.start
                for line in chunk.text.split("\n"):
                    if "\t" in line and any(ch.isdigit() for ch in line):
                        assert (offset, offset + len(line)) in rows
                    offset += len(line) + 1
            section = next(s for s in doc.sections if s.start <= chunk.start < s.end)
            assert chunk.end <= section.end
            assert chunk.section == section.label


def test_chunk_retrieval_text_is_prefixed_with_title_and_section(corpus_docs):
    doc = corpus_docs["000_3537c126d58e65da"]
    chunk = chunk_document(doc)[5]
    text = chunk.retrieval_text(doc.meta.title)
    assert text.startswith(doc.meta.title) and chunk.section in text and text.endswith(chunk.text)


def test_levels_enumerated_at_a_wrapped_lines_start_open_no_section():
    from ingest.normalize import normalize_text
    from ingest.structure import split_sections

    text = normalize_text("三、重点任务\n到2022年,绿色建材比例达到60%,获得绿色建筑\n一、二星级评价标识的建筑项目比例达到70%。\n"
                          "四、保障措施\n加强组织领导。")
    sections, _ = split_sections(text)
    assert [s.path for s in sections if s.path] == [("三、重点任务",), ("四、保障措施",)]
