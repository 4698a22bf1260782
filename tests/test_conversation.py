import pytest

from ui.conversation import resolve

FIRST = "嘉定区到2025年要创建多少家绿色工厂？"


@pytest.mark.parametrize("message, kind, text", [
    ("那嘉兴市呢？", "question", "嘉兴市要创建多少家绿色工厂？"),
    ("那2024年呢", "question", "嘉定区到2024年要创建多少家绿色工厂？"),
    ("嘉兴市2019年呢？", "question", "嘉兴市到2019年要创建多少家绿色工厂？"),
    ("出处是哪一段？", "source", FIRST),
    ("青浦区2021年应落实多少个公共充电桩？", "question", "青浦区2021年应落实多少个公共充电桩？"),
    ("这个数字的依据是什么？", "source", FIRST),
    ("原文呢？", "source", FIRST),
    # names its own subject: a new question, not the source of the previous answer
    ("每年完成节能诊断88项是哪个文件规定的？", "question", "每年完成节能诊断88项是哪个文件规定的？"),
    ("绿色供应链管理企业的评价办法是哪份文件？", "question", "绿色供应链管理企业的评价办法是哪份文件？"),
])
def test_follow_up_rewrites(gazetteer, message, kind, text):
    resolution = resolve(message, [FIRST], gazetteer)
    assert (resolution.kind, resolution.text) == (kind, text)


def test_follow_ups_chain(gazetteer):
    resolution = resolve("那上海市呢？", [FIRST, "那嘉兴市呢？"], gazetteer)
    assert resolution.text == "上海市要创建多少家绿色工厂？"
    assert resolve("出处是哪一段？", [FIRST, "那嘉兴市呢？"], gazetteer).text == "嘉兴市要创建多少家绿色工厂？"


def test_no_follow_up_without_a_previous_question(gazetteer):
    assert resolve("那嘉兴市呢？", [], gazetteer).text == "那嘉兴市呢？"
