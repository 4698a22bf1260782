"""The document library behind the page: list, upload and remove documents while the page serves.

Uploads are checked before anything is written to the index: size, type by content (not by name), a
sanitised file name, storage under the data directory only, and duplicates by content hash. The
index is then updated incrementally and swapped in atomically; questions asked meanwhile are answered
from the previous version.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import sniff_type
from policyqa.app import correct_document, ingest_paths, load_assistant
from policyqa.settings import Settings
from retriever.index_store import update_index

SAFE_NAME_RE = re.compile(r"[^\w\u4e00-\u9fff.\-]+")


@dataclass(frozen=True)
class FileResult:
    name: str
    status: str  # 已索引 | 已更新 | 重复，已跳过 | 拒绝
    detail: str = ""


def safe_name(name: str, suffix: str) -> str:
    """A file name with no directories and no characters a shell or a path would misread."""
    stem = SAFE_NAME_RE.sub("_", Path(name.replace("\\", "/")).stem).strip("._") or "document"
    return f"{stem[:80]}{suffix}"


class LiveAssistant:
    """The assistant the page serves, replaced by a freshly loaded one after every index update."""

    def __init__(self, settings: Settings, assistant=None):
        self.settings = settings
        self._current = assistant or load_assistant(settings)
        self._writing = threading.Lock()

    @property
    def current(self):
        return self._current

    def documents(self) -> list[list]:
        index = self._current.answerer.index
        rows = []
        for doc_id, meta in sorted(index.documents.items(), key=lambda item: (item[1].region, item[0])):
            chunks = sum(1 for c in index.chunks if c.doc_id == doc_id)
            shown = [value or "未知" for value in (meta.title, meta.issuer, meta.doc_number, meta.date, meta.region)]
            rows.append([*shown, chunks, index.added_at.get(doc_id, ""), doc_id])
        return rows

    def add(self, uploads: list[tuple[str, str]], progress=None) -> list[FileResult]:
        """Index uploaded files given as (temporary path, name the user gave); one result per file."""
        limit = self.settings.max_upload_mb * 1024 * 1024
        known = {m.sha256: d for d, m in self._current.answerer.index.documents.items()}
        self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        results: list[FileResult] = []
        accepted: list[tuple[Path, str]] = []
        for temp_path, original in uploads:
            name = Path(original or temp_path).name
            path = Path(temp_path)
            if not path.is_file():
                results.append(FileResult(name, "拒绝", "文件不存在"))
                continue
            if path.stat().st_size > limit:
                results.append(FileResult(name, "拒绝", f"超过{self.settings.max_upload_mb} MB上限"))
                continue
            data = path.read_bytes()
            kind = sniff_type(data)
            if kind is None:
                results.append(FileResult(name, "拒绝", "不是PDF、TXT或DOCX文件（按内容判断）"))
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in known:
                results.append(FileResult(name, "重复，已跳过", f"与已索引的 {known[digest]} 内容相同"))
                continue
            target = self.settings.uploads_dir / safe_name(name, kind)
            if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() != digest:
                target = target.with_name(f"{target.stem}-{digest[:8]}{target.suffix}")
            shutil.copyfile(path, target)
            known[digest] = target.stem
            accepted.append((target, name))
        if not accepted:
            return results
        spec = self._current.answerer.index.manifest.get("embedding_spec", self.settings.embedding)
        settings = Settings.from_env(data_dir=self.settings.data_dir, embedding=spec)
        with self._writing:
            outcome = ingest_paths([p for p, _ in accepted], settings, progress=progress,
                                   embeddings=self._current.answerer.searcher.embeddings)
            self._current = load_assistant(settings)
        refused = {Path(e.path).name: e.problem for e in outcome.errors}
        for path, name in accepted:
            if path.name in refused:
                path.unlink(missing_ok=True)
                results.append(FileResult(name, "拒绝", refused[path.name]))
            elif path.stem in outcome.report.updated:
                results.append(FileResult(name, "已更新", path.stem))
            else:
                results.append(FileResult(name, "已索引", path.stem))
        return results

    def correct(self, doc_id: str, **fields: str | None) -> str:
        """Apply a person's correction of title, region, 文号 or date; a message for the page."""
        from ingest.corrections import CorrectionError

        if doc_id not in self._current.answerer.index.documents:
            return f"没有文档 {doc_id}"
        try:
            with self._writing:
                entry = correct_document(self.settings, doc_id, embeddings=self._current.answerer.searcher.embeddings,
                                         **fields)
                self._current = load_assistant(self.settings)
        except CorrectionError as exc:
            return f"未更正：{exc}"
        return f"已更正 {doc_id}：" + ("，".join(f"{k}={v}" for k, v in entry.items()) or "恢复自动识别的值")

    def remove(self, doc_id: str) -> str:
        index = self._current.answerer.index
        if doc_id not in index.documents:
            return f"没有文档 {doc_id}"
        with self._writing:
            update_index(self.settings.index_dir, [], self._current.answerer.searcher.embeddings,
                         index.manifest["chunk_chars"], remove=(doc_id,),
                         embedding_spec=index.manifest.get("embedding_spec", self.settings.embedding))
            self._current = load_assistant(self.settings)
        stored = self.settings.uploads_dir / index.documents[doc_id].source
        if stored.is_file() and stored.parent == self.settings.uploads_dir:
            stored.unlink()
        return f"已删除 {doc_id}"
