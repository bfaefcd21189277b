"""The HTML report in a real browser: Debian's headless Chromium, driven over DevTools pipes.

The browser runs with no network (the report must need none), the page must log no console
error, every chart must be drawn, and the screenshot must not be blank. Set
``ADMINFLOW_UPDATE_DOCS_SCREENSHOT=1`` to also save it as ``docs/assets/report.png``.
"""

import base64
import contextlib
import fcntl
import io
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from adminflow.report import write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS_PNG = Path(__file__).resolve().parents[2] / "docs" / "assets" / "report.png"
CHARTS = [
    "chart-arrivals",
    "chart-on-time",
    "chart-processing-time",
    "chart-full-online",
    "chart-workflow",
]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI must install Debian's chromium (.ci/run does)", pytrace=False)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


class DevTools:
    """A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
        ]
        # Chromium reads commands on fd 3 and writes replies on fd 4.
        self._process = self._spawn(flags, to_browser_r, from_browser_w)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    @staticmethod
    def _spawn(flags: list[str], read_end: int, write_end: int) -> subprocess.Popen[bytes]:
        def child() -> None:
            high_read = fcntl.fcntl(read_end, fcntl.F_DUPFD, 10)
            high_write = fcntl.fcntl(write_end, fcntl.F_DUPFD, 10)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        assert CHROMIUM is not None
        return subprocess.Popen(
            [CHROMIUM, *flags, "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=child,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 60) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            self.events.append(message)
            if message.get("method") == method:
                return message

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(json.dumps(params.get("args"))[:500])
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append(params["entry"].get("text", "")[:500])
    return errors


@pytest.fixture(scope="module")
def shot(
    rows: list[Any], table: Any, workflow: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("browser")
    page = write_html(
        folder / "report.html",
        rows,
        period="2025-Q3",
        indicators=table,
        diagram=workflow,
        title="Khánh Hòa — service quality (synthetic data)",
    )
    with tempfile.TemporaryDirectory() as profile:
        browser = DevTools(Path(profile))
        try:
            target = browser.send("Target.createTarget", url="about:blank")["targetId"]
            session = browser.send("Target.attachToTarget", targetId=target, flatten=True)[
                "sessionId"
            ]
            for domain in ("Page", "Runtime", "Log"):
                browser.send(f"{domain}.enable", session)
            browser.send(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=1280,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            browser.send("Page.navigate", session, url=page.as_uri())
            browser.wait_for("Page.loadEventFired")
            drawn = browser.send(
                "Runtime.evaluate",
                session,
                returnByValue=True,
                expression=(
                    "Object.fromEntries(" + json.dumps(CHARTS) + ".map(id => [id, "
                    "document.querySelectorAll('#' + id + ' .main-svg').length]))"
                ),
            )
            marks = browser.send(
                "Runtime.evaluate",
                session,
                returnByValue=True,
                expression="document.querySelectorAll('.main-svg path, .main-svg text').length",
            )
            height = browser.send(
                "Runtime.evaluate",
                session,
                returnByValue=True,
                expression="document.body.scrollHeight",
            )["result"]["value"]
            png = browser.send(
                "Page.captureScreenshot",
                session,
                format="png",
                captureBeyondViewport=True,
                clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 4000), "scale": 1},
            )
        finally:
            browser.close()
    return {
        "errors": _console_errors(browser.events),
        "drawn": drawn["result"]["value"],
        "marks": marks["result"]["value"],
        "png": base64.b64decode(png["data"]),
        "folder": folder,
    }


class TestReportInChromium:
    def test_opens_without_console_errors(self, shot: dict[str, Any]) -> None:
        """The report loads in Chromium with no network and logs no console error or exception."""
        assert shot["errors"] == []

    def test_every_chart_is_drawn(self, shot: dict[str, Any]) -> None:
        """Each of the five charts has an SVG drawn by plotly.js, with many marks in all."""
        assert all(shot["drawn"][chart] >= 1 for chart in CHARTS), shot["drawn"]
        assert shot["marks"] > 200

    def test_screenshot_is_not_blank(self, shot: dict[str, Any]) -> None:
        """The screenshot has many colours and a clear pixel variance: it is not a blank page."""
        from PIL import Image, ImageStat

        image = Image.open(io.BytesIO(shot["png"])).convert("RGB")
        (shot["folder"] / "report.png").write_bytes(shot["png"])
        if os.environ.get("ADMINFLOW_UPDATE_DOCS_SCREENSHOT"):
            DOCS_PNG.parent.mkdir(parents=True, exist_ok=True)
            DOCS_PNG.write_bytes(shot["png"])

        variance = ImageStat.Stat(image.convert("L")).var[0]
        colours = image.getcolors(maxcolors=1 << 20) or []
        assert image.size[0] == 1280
        assert variance > 500, variance
        assert len(colours) > 50
