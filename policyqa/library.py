"""The document library behind the page: list, upload and remove documents while the page serves.

Uploads are checked before anything is written to the index: size, type by content (not by name), a
sanitised file name, storage under the data directory only, and duplicates by content hash. The
index is then updated incrementally and swapped in atomically; questions asked meanwhile are answered
from the previous version.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ingest.readers import sniff_type
from policyqa.app import correct_document, ingest_paths, load_assistant
from policyqa.settings import Settings
from retriever.index import update_index
from ui.scratch import dead_leftovers, process_folder

SAFE_NAME_RE = re.compile(r"[^\w\u4e00-\u9fff.\-]+")
# uploads wait in uploads/.incoming-<pid>-…/ until indexed
INCOMING = ".incoming-"


@dataclass(frozen=True)
class FileResult:
    name: str
    status: str  # 已索引 | 已更新 | 重复，已跳过 | 拒绝
    # detail: the document id for 已索引/已更新 (and why it differs from the file name), or the reason
    detail: str = ""


def safe_name(name: str, suffix: str) -> str:
    """A file name with no directories and no characters a shell or a path would misread."""
    stem = SAFE_NAME_RE.sub("_", Path(name.replace("\\", "/")).stem).strip("._") or "document"
    return f"{stem[:80]}{suffix}"


class LiveAssistant:
    """The assistant the page serves, replaced by a freshly loaded one after every index update."""

    def __init__(self, settings: Settings, assistant=None, embeds_uploads: bool = True):
        self.settings = settings
        self._current = assistant or load_assistant(settings)
        self._writing = threading.Lock()
        self.embedder = None  # with one running, uploads are searchable at once and embedded after
        # False in an API worker: its uploads are searchable by keywords at once and embedded by the one
        # process that embeds (the page's background embedder, or `policyqa embed`), never here
        self.embeds_uploads = embeds_uploads
        self._finish_killed_uploads()

    def _finish_killed_uploads(self) -> None:
        """Finish what an upload killed between publishing its version and keeping its files left in
        staging: a file whose document the index holds, with its content, is kept (the step the kill
        cut off); any other was never indexed and goes."""
        documents = self._current.answerer.index.documents
        for folder in dead_leftovers(self.settings.uploads_dir, INCOMING):
            for path in folder.iterdir():
                meta = documents.get(path.stem)
                if meta is not None and meta.source == path.name and meta.sha256 == hashlib.sha256(path.read_bytes()).hexdigest():
                    os.replace(path, self.settings.uploads_dir / path.name)
            shutil.rmtree(folder, ignore_errors=True)

    @property
    def current(self):
        return self._current

    def start_embedder(self):
        """Embed, in a background thread, whatever the index still lacks now and after every upload;
        each version it publishes replaces the one questions are answered from."""
        from retriever.index.embedder import BackgroundEmbedder

        self.embedder = BackgroundEmbedder(self.settings.index_dir, self._current.answerer.searcher.embeddings,
                                           self._reload, self.settings.publish_every,
                                           self.settings.store_options()).start()
        return self.embedder

    def stop_embedder(self) -> None:
        if self.embedder is not None:
            self.embedder.stop()
            self.embedder = None

    def _reload(self) -> None:
        """After the embedder's publish: only the vectors are new, the rest of the library is kept."""
        with self._writing:
            self._current = load_assistant(self.settings, self._current)

    def follow(self, every: float) -> None:
        """Load, within ``every`` seconds, each index version another process publishes (an upload or a
        deletion through an API worker, the page's embedder), reusing what did not change. Several
        processes serve one data directory this way (`policyqa api --workers N` beside `policyqa serve`)."""
        self._following = threading.Event()

        def watch() -> None:
            while not self._following.wait(every):
                try:
                    self.refresh()
                except Exception as exc:  # a version deleted while being read: the next look finds its successor
                    print(f"policyqa: could not load the published index yet ({exc})", file=sys.stderr)

        threading.Thread(target=watch, name="policyqa-follow", daemon=True).start()

    def stop_following(self) -> None:
        if getattr(self, "_following", None) is not None:
            self._following.set()

    def refresh(self) -> bool:
        """Load the published version if it is not the one answered from; True when it was loaded."""
        if self.settings.index_dir.resolve() == self._current.answerer.index.path:
            return False
        with self._writing:
            if self.settings.index_dir.resolve() == self._current.answerer.index.path:
                return False  # a write of this process loaded it meanwhile
            self._current = load_assistant(self.settings, self._current)
        if self.embedder is not None:
            self.embedder.wake()  # what another process uploaded is embedded here
        return True

    def documents(self) -> list[list]:
        index = self._current.answerer.index
        rows = []
        for doc_id, meta in sorted(index.documents.items(), key=lambda item: (item[1].region, item[0])):
            chunks = len(index.rows_of(doc_id))
            shown = [value or "未知" for value in (meta.title, meta.issuer, meta.doc_number, meta.date, meta.region)]
            rows.append([*shown, chunks, index.added_at.get(doc_id, ""), doc_id])
        return rows

    def add(self, uploads: list[tuple[str, str]], progress=None, replace: str | None = None,
            on_page=None, owned: bool = False) -> list[FileResult]:
        """Index uploaded files given as (temporary path, name the user gave); one result per file.
        With ``owned`` the temporary files are the caller's to give away: they are moved, not copied.

        An upload never replaces a document it did not come from: a name already taken by an indexed
        document gets a suffix. Only ``replace`` (the person chose 更新 for that document, one file)
        puts the upload in that document's place. A disk that fills up raises its OSError after the
        staged files are removed: the index and the stored files stay as they were."""
        self.refresh()  # another process may have published since: choose names against the newest
        with self._writing:  # names are chosen against the index this upload will change
            index = self._current.answerer.index
            if replace is not None and (replace not in index.documents or len(uploads) != 1):
                problem = f"没有文档 {replace}" if replace not in index.documents else "更新一个文档时只能上传一个文件"
                return [FileResult(Path(original or path).name, "拒绝", problem) for path, original in uploads]
            self.settings.uploads_dir.mkdir(parents=True, exist_ok=True)
            # files wait here until indexed, so a refused replacement never overwrites the stored original
            staging = process_folder(self.settings.uploads_dir, INCOMING)
            try:
                return self._add(uploads, progress, replace, staging, on_page, owned)
            finally:
                shutil.rmtree(staging, ignore_errors=True)

    def _add(self, uploads, progress, replace: str | None, staging: Path, on_page=None, owned: bool = False) -> list[FileResult]:
        limit = self.settings.max_upload_mb * 1024 * 1024
        known = {m.sha256: d for d, m in self._current.answerer.index.documents.items() if d != replace}
        results: dict[int, FileResult] = {}
        accepted: list[tuple[int, Path, str]] = []
        copies: list[tuple[int, str, str]] = []  # (position, name, digest) of a file this batch already holds
        first_in_batch: dict[str, tuple[int, str]] = {}
        for position, (temp_path, original) in enumerate(uploads):
            name = Path(original or temp_path).name
            path = Path(temp_path)
            if not path.is_file():
                results[position] = FileResult(name, "拒绝", "文件不存在")
                continue
            if path.stat().st_size > limit:
                results[position] = FileResult(name, "拒绝", f"超过{self.settings.max_upload_mb} MB上限")
                continue
            data = path.read_bytes()
            kind = sniff_type(data)
            if kind is None:
                results[position] = FileResult(name, "拒绝", "不是PDF、TXT、DOCX、网页或Excel文件（按内容判断）")
                continue
            digest = hashlib.sha256(data).hexdigest()
            if digest in known:
                results[position] = FileResult(name, "重复，已跳过", f"与已索引的 {known[digest]} 内容相同")
                continue
            if digest in first_in_batch:
                copies.append((position, name, digest))
                continue
            first_in_batch[digest] = (position, name)
            target = staging / self._storage_name(name, kind, digest, replace, staging)
            if owned:
                shutil.move(path, target)
            else:
                shutil.copyfile(path, target)
            accepted.append((position, target, name))
        if accepted:
            self._index_accepted(accepted, results, progress, replace, on_page)
        for position, name, digest in copies:
            first_position, first_name = first_in_batch[digest]
            first = results[first_position]
            if first.status == "拒绝":
                results[position] = FileResult(name, "拒绝", f"与本批的 {first_name} 内容相同，同样无法索引：{first.detail}")
            else:
                results[position] = FileResult(name, "重复，已跳过", f"与本批的 {first_name} 内容相同")
        return [results[position] for position in sorted(results)]

    def _storage_name(self, name: str, kind: str, digest: str, replace: str | None, staging: Path) -> str:
        """The name an upload is kept under; its stem becomes the document id, so it must not be an
        indexed document's id, a stored upload's or another file's of this batch, unless that
        document is the one being replaced."""
        if replace is not None:
            return f"{replace}{kind}"
        stored = safe_name(name, kind)
        stem = Path(stored).stem
        taken = (stem in self._current.answerer.index.documents or (self.settings.uploads_dir / stored).exists()
                 or any(p.stem == stem for p in staging.iterdir()))
        return f"{stem}-{digest[:8]}{kind}" if taken else stored

    def _index_accepted(self, accepted, results: dict[int, FileResult], progress, replace: str | None,
                        on_page=None) -> None:
        index = self._current.answerer.index
        spec = index.manifest.get("embedding_spec", self.settings.embedding)
        settings = Settings.from_env(data_dir=self.settings.data_dir, embedding=spec)
        replaced_source = index.documents[replace].source if replace is not None else ""
        outcome = ingest_paths([p for _, p, _ in accepted], settings, progress=progress,
                               embeddings=self._current.answerer.searcher.embeddings,
                               embed=self.embedder is None and self.embeds_uploads,
                               on_page=on_page)
        self._current = load_assistant(settings)
        if self.embedder is not None:
            self.embedder.wake()
        refused = {Path(e.path).name: e.problem for e in outcome.errors}
        for position, path, name in accepted:
            if path.name in refused:
                results[position] = FileResult(name, "拒绝", refused[path.name])
                continue
            stored = self.settings.uploads_dir / path.name
            old = self.settings.uploads_dir / replaced_source
            if replaced_source and old != stored and old.is_file() and old.parent == self.settings.uploads_dir:
                old.unlink()
            os.replace(path, stored)
            if path.stem in outcome.report.updated:
                results[position] = FileResult(name, "已更新", path.stem)
            elif path.stem != Path(safe_name(name, path.suffix)).stem:
                results[position] = FileResult(name, "已索引", f"{path.stem}（已有同名文档，另存为新文档；替换请选择“更新”）")
            else:
                results[position] = FileResult(name, "已索引", path.stem)

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

    def draft_rules(self, doc_id: str) -> str:
        """Draft the rules of an indexed document for review; a message for the page."""
        from rules.draft import draft_rules
        from rules.store import save_draft

        index = self._current.answerer.index
        if doc_id not in index.documents:
            return f"没有文档 {doc_id}"
        with self._writing:
            draft = draft_rules(index.document(doc_id))
            path = save_draft(self.settings.data_dir, draft)
            self._current = load_assistant(self.settings)
        return (f"已起草 {doc_id}：义务 {len(draft['obligations'])} 条，可申请的支持 {len(draft['entitlements'])} 条"
                f"（未审核，保存在 {path.name}）。在下表逐条改正并标“接受”或“拒绝”，再保存审核。")

    def draft_rows(self, doc_id: str) -> list[list[str]]:
        """The document's drafted rules as the page's review table (empty when there is no draft)."""
        from rules.loader import RuleError
        from rules.review_table import rows_of
        from rules.store import read_draft

        try:
            return rows_of(read_draft(self.settings.data_dir, doc_id))
        except RuleError:
            return []

    def review_rules(self, doc_id: str, table: list[list]) -> str:
        """Save the review table: rows marked 接受 move to the reviewed rules with their edited fields,
        rows marked 拒绝 are dropped, 待定 rows stay drafts (with their edits)."""
        from rules.loader import RuleError
        from rules.review_table import read_rows
        from rules.store import read_draft, review

        try:
            with self._writing:
                accept, reject, edited = read_rows(read_draft(self.settings.data_dir, doc_id), table)
                result = review(self.settings.data_dir, doc_id, accept, reject, edited)
                self._current = load_assistant(self.settings)
        except RuleError as exc:
            return f"未保存：{exc}"
        return (f"已接受 {len(result['accepted'])} 条，拒绝 {len(result['rejected'])} 条，"
                f"还有 {len(result['left'])} 条待审核")

    def remove(self, doc_id: str) -> str:
        self.refresh()  # a document another process added is removable here at once
        index = self._current.answerer.index
        if doc_id not in index.documents:
            return f"没有文档 {doc_id}"
        with self._writing:
            update_index(self.settings.index_dir, [], self._current.answerer.searcher.embeddings,
                         index.manifest["chunk_chars"], remove=(doc_id,),
                         embedding_spec=index.manifest.get("embedding_spec", self.settings.embedding),
                         embed=False, **self.settings.store_options())
            self._current = load_assistant(self.settings)
        stored = self.settings.uploads_dir / index.documents[doc_id].source
        if stored.is_file() and stored.parent == self.settings.uploads_dir:
            stored.unlink()
        return f"已删除 {doc_id}"
