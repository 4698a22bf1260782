"""The chat page (Gradio). Every piece of document text is HTML-escaped before it is shown."""

from __future__ import annotations

import html

from retriever.answer import Answer, Answerer

EXAMPLES = [
    "嘉定区节能诊断方案每年不少于多少项？",
    "嘉定区年综合能耗5000吨标准煤以上的单位什么时候前要启动能源审计？",
    "上海市“十四五”要创建多少家绿色设计示范企业？",
    "嘉兴市到2019年要创建多少家绿色工厂？",
]
CONTEXT_CHARS = 160


def render_answer(answer: Answer, texts: dict[str, str]) -> str:
    """The answer as HTML: the figure first, then numbered citations that open onto their clause."""
    lines = [f"<p>{html.escape(line)}</p>" for line in answer.answer.split("\n") if line]
    for number, c in enumerate(answer.citations, 1):
        text = texts.get(c.doc_id, "")
        before = text[max(0, c.start - CONTEXT_CHARS):c.start]
        after = text[c.end:c.end + CONTEXT_CHARS]
        lines.append(
            "<details class='citation'>"
            f"<summary>[{number}] 《{html.escape(c.title)}》 {html.escape(c.doc_number)} · {html.escape(c.section)}</summary>"
            f"<blockquote>…{html.escape(before)}<mark>{html.escape(c.quote)}</mark>{html.escape(after)}…</blockquote>"
            "</details>"
        )
    return "\n".join(lines)


def build_page(answerer: Answerer):
    import gradio as gr

    def respond(message, history):
        answer = answerer.ask(message)
        return render_answer(answer, answerer.index.texts)

    with gr.Blocks(title="policyqa 政策问答") as page:
        gr.Markdown("## 政策问答\n输入问题，回答先给出数字或期限，再给出出处（文件、文号、章节和原文）。")
        gr.ChatInterface(fn=respond, examples=EXAMPLES, chatbot=gr.Chatbot(height=480, sanitize_html=True), api_name="chat")
    return page


def serve(answerer: Answerer, host: str = "127.0.0.1", port: int = 7860):
    page = build_page(answerer)
    page.launch(server_name=host, server_port=port, show_error=True)
