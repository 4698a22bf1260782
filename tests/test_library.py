"""Uploads into a live index: checks before indexing, duplicates, removal, answers during updates."""

import threading

import pytest

from policyqa.library import LiveAssistant, safe_name
from tests.pdfs import policy_pdf


@pytest.fixture
def live(index_copy, assistant):
    return LiveAssistant(index_copy)


def test_file_names_are_sanitised():
    assert safe_name("../../etc/passwd", ".txt") == "passwd.txt"
    assert safe_name("..\\\\windows\\\\x y;rm -rf.pdf", ".pdf") == "x_y_rm_-rf.pdf"
    assert safe_name("松江 方案(2023).PDF", ".pdf") == "松江_方案_2023.pdf"


@pytest.mark.slow
def test_uploads_are_checked_by_content_size_and_duplicates(live, tmp_path, index_copy):
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"\x00\x01binary garbage" * 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (index_copy.max_upload_mb * 1024 * 1024 + 1))
    copy_of_corpus = tmp_path / "copy.txt"
    copy_of_corpus.write_bytes((index_copy.corpus_dir / "000_3537c126d58e65da.txt").read_bytes())
    results = live.add([(str(fake), "plan.pdf"), (str(big), "big.txt"), (str(copy_of_corpus), "copy.txt")])
    assert [(r.status, r.detail[:6]) for r in results] == [
        ("拒绝", "不是PDF、"), ("拒绝", f"超过{index_copy.max_upload_mb} M"[:6]), ("重复，已跳过", "与已索引的 ")]
    assert not any(index_copy.uploads_dir.iterdir())


@pytest.mark.slow
def test_upload_is_stored_under_the_data_directory_and_removable(live, tmp_path, index_copy):
    pdf = policy_pdf(tmp_path / "a.pdf", figure="151")
    [result] = live.add([(str(pdf), "../../奉贤/方案.pdf")])
    assert result.status == "已索引" and result.detail == "方案"
    stored = index_copy.uploads_dir / "方案.pdf"
    assert stored.is_file() and stored.resolve().parent == index_copy.uploads_dir.resolve()
    assert "151项" in live.current.ask("松江区到2025年底要完成多少项节能技术改造项目？").answer
    assert live.remove("方案") == "已删除 方案"
    assert "方案" not in live.current.answerer.index.documents and not stored.exists()


@pytest.mark.slow
def test_questions_are_answered_while_an_upload_is_indexed(live, tmp_path):
    pdf = policy_pdf(tmp_path / "b.pdf", figure="152")
    answers, errors = [], []

    def ask_repeatedly():
        try:
            for _ in range(15):
                answers.append(live.current.ask("嘉定区节能诊断方案每年不少于多少项？").answer)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    worker = threading.Thread(target=ask_repeatedly)
    worker.start()
    live.add([(str(pdf), "b.pdf")])
    worker.join()
    assert not errors and answers and all("150项" in a for a in answers)
    assert "b" in live.current.answerer.index.documents


@pytest.mark.slow
def test_an_upload_named_like_an_indexed_document_does_not_replace_it(live, tmp_path, index_copy):
    corpus_id = "000_3537c126d58e65da"
    pdf = policy_pdf(tmp_path / f"{corpus_id}.pdf", figure="163")
    [result] = live.add([(str(pdf), f"{corpus_id}.txt")])
    new_id = result.detail.split("（")[0]
    assert result.status == "已索引" and new_id.startswith(f"{corpus_id}-") and "另存为新文档" in result.detail
    assert {corpus_id, new_id} <= set(live.current.answerer.index.documents)
    assert "150项" in live.current.ask("嘉定区节能诊断方案每年不少于多少项？").answer


@pytest.mark.slow
def test_an_upload_replaces_a_document_only_when_the_person_chose_update(live, tmp_path, index_copy):
    [first] = live.add([(str(policy_pdf(tmp_path / "a.pdf", figure="164")), "方案.pdf")])
    assert first.status == "已索引"
    refused = tmp_path / "empty.txt"
    refused.write_bytes(b"")
    [result] = live.add([(str(refused), "empty.txt")], replace="方案")
    assert result.status == "拒绝" and "empty" in result.detail
    assert (index_copy.uploads_dir / "方案.pdf").is_file()  # a refused replacement keeps the original
    [result] = live.add([(str(policy_pdf(tmp_path / "b.pdf", figure="165")), "new.pdf")], replace="方案")
    assert (result.status, result.detail) == ("已更新", "方案")
    assert "165项" in live.current.ask("松江区到2025年底要完成多少项节能技术改造项目？").answer
    assert [p.name for p in index_copy.uploads_dir.iterdir()] == ["方案.pdf"]


@pytest.mark.slow
def test_a_copy_of_a_refused_file_in_the_same_batch_is_refused_too(live, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    zero = tmp_path / "zero.pdf"
    zero.write_bytes(b"")
    good = policy_pdf(tmp_path / "good.pdf", figure="166")
    again = tmp_path / "again.pdf"
    again.write_bytes(good.read_bytes())
    results = live.add([(str(empty), "empty.txt"), (str(zero), "zero.pdf"), (str(good), "good.pdf"),
                        (str(again), "again.pdf")])
    assert [r.status for r in results] == ["拒绝", "拒绝", "已索引", "重复，已跳过"]
    assert results[1].detail.startswith("与本批的 empty.txt 内容相同，同样无法索引") and "empty" in results[1].detail
    assert results[3].detail == "与本批的 good.pdf 内容相同"
