"""Debian's busybox as the shell, over the serial line, typed as a user would.

One boot runs busybox's ash as init's program (`make run SH=busybox`
does the same) with build/userland.cpio, and a session of commands: a
script with pipes and command substitution, background jobs, ^C and ^Z
with fg/bg/kill, line editing (Up recalls history, Left moves, Tab
completes), the terminal's modes (stty, erase, kill, ^D, SIGTTIN), then
the tools a student reaches for (free, ps, top, uptime, sysctl, dmesg,
df, mount, and the project's vmstat) and vi editing a file through keys.
Each tool's output must have the shape the same busybox binary prints on
Linux: the host runs it under qemu-i386 (its own /proc), and the lines
are compared with every number replaced by N.
"""
import re
import shutil
import subprocess
import time

import pytest

from tidemark import BUILD, qemu_argv, read_until

BUSYBOX = BUILD / "busybox" / "bin" / "busybox"
# ash's prompt, then its question where the cursor is: it reads input from then on (what
# comes before, its tcsetattr(TCSAFLUSH) drops, as on Linux)
PROMPT = r"/ # \x1b\[6n$"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Session:
    def __init__(self):
        argv = qemu_argv("console=ttyS0 -- /bin/ash", mem="64M",
                         initrd=[str(BUILD / "initramfs.cpio"), str(BUILD / "userland.cpio")])
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.out = bytearray()
        assert read_until(self.proc, self.out, PROMPT, time.monotonic() + 120), self.text()

    def text(self, start=0):
        return ANSI.sub("", self.out[start:].decode("utf-8", "replace")).replace("\r", "")

    def type(self, keys, wait=PROMPT, timeout=60):
        """Send keys; return what the terminal showed until the next prompt (or wait)."""
        start = len(self.out)
        self.proc.stdin.write(keys.encode("latin-1"))
        self.proc.stdin.flush()
        new = bytearray()      # read_until looks at all it is given: give it only what is new
        read_until(self.proc, new, wait, time.monotonic() + timeout)
        self.out += new
        return self.text(start)

    def run(self, line, timeout=60):
        """A command line; its output lines (the echoed command and the prompt left out)."""
        shown = self.type(line + "\n", timeout=timeout)
        lines = shown.split("\n")
        return [ln for ln in lines[1:] if not re.fullmatch(r"/ # ", ln)]

    def close(self):
        self.proc.kill()
        self.proc.communicate()


@pytest.fixture(scope="module")
def sh():
    s = Session()
    yield s
    s.close()


def host_busybox(*args):
    """The same busybox on the host's Linux (qemu-i386), for the shape of its output."""
    if not shutil.which("qemu-i386"):
        pytest.fail("qemu-i386 is missing: run `make deps`")
    r = subprocess.run(["qemu-i386", str(BUSYBOX), *args], capture_output=True, text=True,
                       timeout=60)
    return r.stdout.splitlines()


def shape(line):
    return re.sub(r"\d+(\.\d+)?", "N", re.sub(r" +", " ", line.strip()))


def test_script_with_pipes_and_command_substitution(sh):
    sh.run("echo 'echo $(echo one two three | wc -w) words; for i in 1 2 3; do echo n$i; done"
           " | tail -1; x=$(ls /bin | grep -c .); test $x -gt 100 && echo many' > /tmp/s.sh")
    assert sh.run("ash /tmp/s.sh") == ["3 words", "n3", "many"]
    assert sh.run("echo $((6 * 7)) $(echo nested $(echo deep))") == ["42 nested deep"]


def test_background_jobs(sh):
    out = sh.run("sleep 1 & echo started; wait; echo waited $?")
    assert out[:2] == ["started", "waited 0"], out
    assert re.fullmatch(r"\[1\]\+  Done +sleep 1", out[2]), out


def test_ctrl_c_stops_the_foreground_job_not_the_shell(sh):
    sh.type("sleep 30\n", wait=r"sleep 30\n", timeout=20)
    time.sleep(1)
    sh.type("\x03")
    assert sh.run("echo status $?") == ["status 130"]


def test_ctrl_z_fg_bg_and_kill(sh):
    sh.type("sleep 30\n", wait=r"sleep 30\n", timeout=20)
    time.sleep(1)
    shown = sh.type("\x1a")
    assert re.search(r"\[1\]\+  Stopped +sleep 30", shown), shown
    assert any(re.search(r"\bT +\d+ +\d+% +\d+% sleep 30", ln) for ln in sh.run("top -bn1"))
    assert sh.run("bg") == ["[1] sleep 30"]
    assert re.search(r"\[1\]\+  Running +sleep 30", "\n".join(sh.run("jobs")))
    out = "\n".join(sh.run("kill %1; sleep 1; jobs"))
    assert re.search(r"\[1\]\+  Terminated +sleep 30", out), out


def test_history_line_editing_and_completion(sh):
    """ash's line editor on the console's raw mode: Up recalls, Left moves, Tab completes."""
    assert sh.run("echo first") == ["first"]
    assert sh.run("echo second") == ["second"]
    out = sh.type("\x1b[A\x1b[A\n")        # Up twice: the command before the last one
    assert "^[[A" not in out and out.split("\n")[1:2] == ["first"], out
    # a terminal's answer to ash's cursor query (ESC[6n) is read, never shown
    assert sh.type("\x1b[24;5R", wait=r"zzz", timeout=2) == ""
    assert sh.run("echo xyz\x1b[D\x1b[DQ") == ["xQyz"]     # Left twice, then insert
    assert sh.run("ech\t done") == ["done"]                 # Tab completes the command name


def test_terminal_canonical_mode_size_and_tty_input_stop(sh):
    """The console's termios as busybox sees it: Linux's defaults in stty -a, the window size
    stty sets (TIOCSWINSZ) read back, cat's canonical lines with DEL erasing and ^U killing,
    ^D as end of file, and a background job that reads the terminal stopped by SIGTTIN."""
    assert sh.run("stty rows 30 cols 100; stty size") == ["30 100"]
    assert sh.run("stty -a | head -2") == [
        "speed 38400 baud; rows 30; columns 100; line = 0;",
        "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;"]
    sh.type("cat\n", wait=r"cat\n", timeout=10)
    time.sleep(0.5)
    shown = sh.type("abc\x7f\x7fX\n", wait=r"aX\n(.|\n)*aX\n", timeout=10)
    assert shown.split("\n")[-2] == "aX", shown             # DEL erased two characters
    shown = sh.type("junk\x15ok\n", wait=r"ok\n(.|\n)*ok\n", timeout=10)
    assert shown.split("\n")[-2] == "ok", shown             # ^U killed the line
    sh.type("\x04")                                         # ^D: end of file, cat ends
    assert sh.run("echo status $?") == ["status 0"]
    sh.run("cat &")
    time.sleep(1)
    assert sh.run("jobs") == ["[1]+  Stopped (tty input)        cat"]
    assert sh.run("kill %1; sleep 1; jobs") == ["[1]+  Terminated                 cat"]


def test_free_matches_linux_and_meminfo(sh):
    out = sh.run("free")
    linux = host_busybox("free")
    assert out[0] == linux[0]      # the header, column for column
    assert [shape(ln) for ln in out[1:3]] == [shape(ln) for ln in linux[1:3]]
    total = int(sh.run("grep MemTotal /proc/meminfo")[0].split()[1])
    assert int(out[1].split()[1]) == total


def test_ps_and_top_as_on_linux(sh):
    out = sh.run("ps")
    assert out[0] == host_busybox("ps")[0]
    assert re.search(r"^\s+1 root\s+/sbin/init /bin/ash$", "\n".join(out), re.M), out
    top = sh.run("top -bn1")
    linux = host_busybox("top", "-bn1")
    for ours, theirs in zip(top[:4], linux[:4]):   # Mem, CPU, Load average, the header
        assert shape(ours) == shape(theirs), (ours, theirs)


def test_uptime_sysctl_dmesg_df_mount(sh):
    assert shape(sh.run("uptime")[0]).replace("N min", "N:N") == \
        shape(host_busybox("uptime")[0]).replace("N min", "N:N")
    assert sh.run("sysctl -w vm.swappiness=33") == ["vm.swappiness = 33"]
    assert sh.run("cat /proc/sys/vm/swappiness") == ["33"]
    assert re.fullmatch(r"\[\s*\d+\.\d{6}\] .+", sh.run("dmesg | head -1")[0])
    assert any("Run /sbin/init as init process" in ln for ln in sh.run("dmesg"))
    assert sh.run("df")[0] == "Filesystem           1K-blocks      Used Available Use% Mounted on"
    assert "proc on /proc type proc (rw,relatime)" in sh.run("mount")


def test_vmstat_as_procps(sh):
    """busybox has no vmstat: the project's own answers in ash, with procps's header."""
    linux = subprocess.run(["vmstat"], capture_output=True, text=True).stdout.splitlines()
    out = sh.run("vmstat")
    assert out[:2] == linux[:2], (out, linux)
    assert shape(out[2]) == shape(linux[2]), (out, linux)


def test_vi_edits_a_file(sh):
    sh.type("vi /tmp/notes\n", wait=r"\x1b\[24;1H", timeout=30)   # the status line: vi is ready
    time.sleep(1)
    sh.type("ihello from vi\x1b", wait=r"hello from vi", timeout=20)
    time.sleep(0.5)    # an ESC with more keys right behind it reads as one escape sequence
    sh.type("A, edited\x1b", wait=r"edited", timeout=20)
    time.sleep(0.5)
    sh.type(":wq\n", timeout=20)
    assert sh.run("cat /tmp/notes") == ["hello from vi, edited"]
