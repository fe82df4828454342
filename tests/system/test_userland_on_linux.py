"""The user programs and user/lib, run on Linux itself.

The host runs the static i386 binaries from build/rootfs/bin under
qemu-i386 (QEMU's user-mode emulator), which passes their system calls to
the host's Linux kernel: if these pass, the programs speak Linux's i386 ABI
exactly, and the same binaries are what Tidemark runs. A program the
emulated shell or init starts with execve is run by the host kernel
directly (its IA32 emulation, or binfmt_misc); hosts that can do neither
skip those tests.
"""
import os
import shutil
import subprocess
import time

import pytest

from test_signals import SIGTEST_CHECKS
from tidemark import BUILD

BIN = BUILD / "rootfs" / "bin"
QEMU_USER = "qemu-i386"


def host_runs_i386():
    try:
        return subprocess.run([str(BIN / "true")], timeout=10).returncode == 0
    except OSError:
        return False


@pytest.fixture(scope="module")
def run():
    qemu = shutil.which(QEMU_USER)
    if not qemu:
        pytest.fail("qemu-i386 is missing: run `make deps` (Debian package qemu-user)")

    def _run(prog, *args, input=None, cwd=None, timeout=30):
        env = {"PATH": str(BIN), "HOME": "/"}
        return subprocess.run([qemu, str(BIN / prog), *map(str, args)],
                              input=input, capture_output=True, text=True,
                              env=env, cwd=cwd, timeout=timeout)

    return _run


needs_exec = pytest.mark.skipif(
    not host_runs_i386(), reason="the host kernel cannot execve i386 programs")


def test_ulibtest_passes_every_check(run):
    r = run("ulibtest")
    assert "not ok" not in r.stdout, r.stdout
    assert r.stdout.startswith("TAP version 13\n")
    assert "# ulibtest: " in r.stdout and " passed, 0 failed" in r.stdout
    assert r.returncode == 0


def run_glibc_prog(prog, tmp_path):
    """build/glibc/PROG under qemu-i386, told so by PROG_QEMU_USER=1; its TAP output."""
    env = dict(os.environ, **{f"{prog.upper()}_QEMU_USER": "1"})
    r = subprocess.run([QEMU_USER, str(BUILD / "glibc" / prog)], capture_output=True,
                       text=True, cwd=tmp_path, timeout=120, env=env)
    assert "not ok" not in r.stdout and r.returncode == 0, r.stdout
    return r.stdout


def test_glibctest_passes_under_qemu_user(tmp_path):
    """user/glibc/glibctest, built with Debian's glibc, holds on Linux as on Tidemark."""
    # qemu-user wraps sysinfo's counts on a host with over 4 GiB: glibctest checks less there.
    assert " passed, 0 failed" in run_glibc_prog("glibctest", tmp_path)


def test_limittest_passes_under_qemu_user(tmp_path):
    """user/glibc/limittest's timers and CPU/file-size limits hold on Linux as on Tidemark."""
    # qemu-user ignores AS, DATA and STACK, and Linux lets root pass NPROC
    assert "# limittest: 16 passed, 0 failed" in run_glibc_prog("limittest", tmp_path)


def test_abitest_passes_under_qemu_user(tmp_path):
    """user/glibc/abitest's calls answer on Linux as on Tidemark (the console checks aside)."""
    assert "# abitest: 43 passed, 0 failed" in run_glibc_prog("abitest", tmp_path)


def test_true_false_exit_status(run):
    assert run("true").returncode == 0
    assert run("false").returncode == 1


def test_echo(run):
    assert run("echo", "hello", "world").stdout == "hello world\n"
    assert run("echo", "-n", "no", "newline").stdout == "no newline"
    assert run("echo").stdout == "\n"


def test_cat_files_stdin_and_errors(run, tmp_path):
    (tmp_path / "a").write_text("first\n")
    (tmp_path / "b").write_bytes(bytes(range(256)) * 40)  # > one 4 KiB read
    r = run("cat", tmp_path / "a")
    assert (r.returncode, r.stdout) == (0, "first\n")
    r = subprocess.run([QEMU_USER, str(BIN / "cat"), str(tmp_path / "b")],
                       capture_output=True, timeout=30)
    assert r.stdout == bytes(range(256)) * 40
    assert run("cat", input="from stdin\n").stdout == "from stdin\n"
    r = run("cat", tmp_path / "missing", tmp_path / "a")
    assert r.returncode == 1
    assert r.stdout == "first\n"
    assert f"cat: {tmp_path}/missing: No such file or directory" in r.stderr


def test_ls_lists_a_directory_sorted(run, tmp_path):
    for name in ["zeta", "alpha", ".hidden", "mid"]:
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    assert run("ls", tmp_path).stdout == "alpha\nmid\nsub\nzeta\n"
    assert run("ls", "-a", tmp_path).stdout == ".\n..\n.hidden\nalpha\nmid\nsub\nzeta\n"
    assert run("ls", cwd=tmp_path).stdout == "alpha\nmid\nsub\nzeta\n"
    r = run("ls", tmp_path / "nope")
    assert r.returncode == 1 and "No such file or directory" in r.stderr


def test_ls_of_the_programs_directory(run):
    names = run("ls", BIN).stdout.split()
    for prog in ["cat", "echo", "false", "init", "kill", "ls", "sh", "sleep",
                 "true", "ulibtest"]:
        assert prog in names


def test_sleep_sleeps(run):
    t = time.monotonic()
    assert run("sleep", "0.3").returncode == 0
    assert time.monotonic() - t >= 0.3
    assert run("sleep", "x").returncode == 1


def test_kill_errors(run):
    r = run("kill", "-9", "999999")
    assert r.returncode == 1 and "No such process" in r.stderr
    assert run("kill", "-NOSUCH", "1").returncode == 2
    assert run("kill").returncode == 2


@needs_exec
def test_sh_script_over_stdin(run):
    script = ("echo hi; false; echo $?\n"
              "true\n"
              "echo $?\n"
              "# a comment line\n"
              "nonexistent_program\n"
              "echo $?\n"
              "echo 'single  $?' \"double $?\" \\$HOME $HOME\n")
    r = run("sh", input=script)
    assert r.stdout == "hi\n1\n0\n127\nsingle  $? double 0 $HOME /\n"
    assert "sh: nonexistent_program: not found" in r.stderr
    assert "# " not in r.stderr          # no prompt unless -i
    assert r.returncode == 0


@needs_exec
def test_sh_exit_status_and_builtins(run, tmp_path):
    assert run("sh", "-c", "exit 7").returncode == 7
    assert run("sh", "-c", "false").returncode == 1
    assert run("sh", input="false\n").returncode == 1
    (tmp_path / "file").write_text("")
    r = run("sh", input=f"cd {tmp_path}\nls\ncd /no/such/dir\necho $?\n")
    assert r.stdout == "file\n1\n"
    assert "sh: cd: /no/such/dir: No such file or directory" in r.stderr


@needs_exec
def test_sh_leaves_the_rest_of_stdin_to_its_programs(run):
    r = run("sh", input="echo before\ncat\nread by cat\nand this\n")
    assert r.stdout == "before\nread by cat\nand this\n"


@needs_exec
def test_sh_background_jobs(run):
    t = time.monotonic()
    r = run("sh", input="sleep 0.5 & echo started; wait; echo done\n")
    assert r.stdout == "started\ndone\n"
    assert time.monotonic() - t >= 0.5
    r = run("sh", input="sleep 20 &\nkill -KILL $!\nwait\necho killed $?\n")
    assert r.stdout == "killed 0\n"


@needs_exec
def test_sh_reports_signal_deaths(run):
    r = run("sh", input="sh -c 'kill -TERM $$'\necho $?\n")
    assert r.stdout == "143\n"
    assert "Terminated" in r.stderr


@needs_exec
def test_sh_interactive_prompt(run):
    r = run("sh", "-i", input="echo x\n")
    assert r.stdout == "x\n"
    assert r.stderr.count("# ") == 2      # before the command and at EOF


@needs_exec
def test_init_runs_a_program_and_exits_with_its_status(run):
    r = run("init", "echo", "from", "init")
    assert (r.returncode, r.stdout) == (0, "from init\n")
    assert run("init", "sh", "-c", "exit 3").returncode == 3
    r = run("init", "sh", "-c", "kill -KILL $$")
    assert r.returncode == 128 + 9
    assert "init: sh killed by signal 9 (SIGKILL)" in r.stderr
    r = run("init", "no_such_program")
    assert r.returncode == 127 and "cannot run no_such_program" in r.stderr


@needs_exec
def test_init_without_arguments_runs_an_interactive_shell(run):
    r = run("init", input="echo in shell\nexit 5\n")
    assert (r.returncode, r.stdout) == (5, "in shell\n")
    assert "# " in r.stderr


def test_binaries_are_static_i386_executables():
    for prog in BIN.iterdir():
        head = prog.read_bytes()[:20]
        assert head[:4] == b"\x7fELF" and head[4] == 1 and head[5] == 1, prog
        assert int.from_bytes(head[16:18], "little") == 2, prog   # ET_EXEC
        assert int.from_bytes(head[18:20], "little") == 3, prog   # EM_386


@needs_exec
def test_sh_pipelines_and_redirections(run, tmp_path):
    out = tmp_path / "out"
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "file").write_text("")
    script = (f"echo a b | cat | cat\n"
              f"echo first > {out}; echo second >> {out}\n"
              f"cat < {out} | cat\n"
              f"ls {tmp_path}/d | cat > {tmp_path}/listing\n"
              f"cat {tmp_path}/listing\n"
              f"nothere | cat; echo $?\n"
              f"true | false; echo $?\n"
              f"cat < {tmp_path}/missing; echo $?\n")
    r = run("sh", input=script)
    assert r.stdout == "a b\nfirst\nsecond\nfile\n0\n1\n1\n"
    assert out.read_text() == "first\nsecond\n"
    assert f"sh: {tmp_path}/missing: No such file or directory" in r.stderr


@needs_exec
def test_sh_and_or_lists(run):
    r = run("sh", input="false && echo no; false || echo yes\n"
                        "true && echo yes2 || echo no2\n"
                        "false && echo no3 || echo yes3\n")
    assert r.stdout == "yes\nyes2\nyes3\n"


@needs_exec
def test_sh_syntax_errors_skip_the_rest_of_the_line(run):
    r = run("sh", input="echo a |\necho $?\n; echo b\necho > \necho end\n")
    assert r.stdout == "2\nend\n"
    assert "sh: syntax error near 'newline'" in r.stderr
    assert "sh: syntax error near ';'" in r.stderr
    assert "sh: syntax error near '>'" in r.stderr
    assert run("sh", "-c", "echo 'open").returncode == 2


# qemu-i386 builds the signal frames itself, and differs from Linux in
# three places: sigcontext.trapno is not 14 after a page fault, a frame whose
# CS is a data segment is loaded instead of ending in SIGSEGV, and the x87
# registers are not given back after a handler (QEMU 7.2). The host kernel
# (below) is the judge of those three.
SIGTEST_QEMU_DIFFERS = ("sigsegv_handler_sees_the_address", "corrupt_segment_in_frame",
                        "fpu_state_survives_handler")


def test_sigtest_under_qemu_user(run):
    checks = [c for c in SIGTEST_CHECKS if c not in SIGTEST_QEMU_DIFFERS]
    r = run("sigtest", *checks, timeout=120)
    assert "FAIL" not in r.stdout, r.stdout
    assert all(f"PASS {c}\n" in r.stdout for c in checks), r.stdout
    assert r.returncode == 0


@needs_exec
def test_sigtest_on_the_host_kernel():
    """The host's own Linux kernel runs the i386 binary: every frame check, as Tidemark must pass them."""
    r = subprocess.run([str(BIN / "sigtest")], capture_output=True, text=True, timeout=120)
    assert "FAIL" not in r.stdout, r.stdout
    assert all(f"PASS {c}\n" in r.stdout for c in SIGTEST_CHECKS), r.stdout
    assert r.returncode == 0
