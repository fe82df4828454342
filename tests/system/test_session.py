"""The student's interactive session (issue 20): the shell's background
jobs are reaped as they end and reported as bash reports them, swapon with
no argument prints util-linux's table, and the image has /sbin/init."""
import re

from test_swap import copy_swap_img


def test_background_jobs_are_reaped_and_reported(boot):
    # sh -i is interactive, as init runs it: job lines and Done lines.
    script = ("\nsleep 1 &\n"
              "sleep 3; cat /proc/$!/status\n"      # the job ended during the sleep
              "sh -c 'exit 3' &\nsleep 2\n"
              "sleep 9 &\nkill -9 $!\nsleep 1\n"
              "false | true &\nwait\n"
              "exit 0\n")
    r = boot(cmdline="console=ttyS0 init=/bin/sh -- -i", input=script, mem="32M")
    # Each report follows a prompt "# " (on stderr) at the start of its line.
    jobs = re.findall(r"^(?:# )*\[(\d+)\] (\d+)$", r.log, re.M)
    assert len(jobs) == 4 and all(j == "1" for j, _ in jobs), r.describe()
    # The finished job was reaped while the foreground command ran, not left a zombie.
    assert re.search(r"cat: /proc/\d+/status: No such file or directory", r.log), r.describe()
    assert "State:\tZ" not in r.log, r.describe()
    for done in (r"\[1\]\+  Done                    sleep 1",
                 r"\[1\]\+  Exit 3                  sh -c exit 3",
                 r"\[1\]\+  Killed                  sleep 9",
                 r"\[1\]\+  Done                    false \| true"):
        assert re.search(f"^(?:# )*{done}$", r.log, re.M), f"no line {done!r}\n{r.describe()}"
    r.expect_status(0)


def test_swapon_without_arguments_prints_util_linux_table(boot, tmp_path):
    swap = copy_swap_img(tmp_path)
    script = "\nswapon\nswapon -s\nexit 0\n"
    r = boot(cmdline="console=ttyS0 init=/bin/sh", input=script, mem="32M", disks=[swap])
    assert re.search(r"^NAME     TYPE      SIZE USED PRIO\n/dev/sda partition  64M   0B   -2$",
                     r.log, re.M), r.describe()
    assert re.search(r"^Filename\t+Type\t+Size\t+Used\t+Priority$", r.log, re.M), r.describe()
    r.expect_status(0)


def test_memhog_keeps_its_memory_through_swapoff(boot, tmp_path):
    # memhog -k holds 12 MiB; a second hog pushes part of it to swap; swapoff
    # brings it back and SIGUSR1 has memhog verify every word again.
    swap = copy_swap_img(tmp_path)
    script = ("\nmemhog -k -s 7 12 > /mlog &\nsleep 2\nmemhog 22 > /dev/null\n"
              "cat /proc/swaps\nswapoff /dev/sda\necho @@ after\ncat /proc/swaps\n"
              "kill -USR1 $!\nsleep 2\ncat /mlog\nkill $!\nsleep 1\nexit 0\n")
    r = boot(cmdline="console=ttyS0 init=/bin/sh -- -i", input=script, mem="32M", disks=[swap])
    used = re.search(r"^/dev/sda +partition\t(\d+)\t+(\d+)\t+-2$", r.log, re.M)
    assert used and int(used.group(2)) > 2048, f"the kept memory did not reach swap\n{r.describe()}"
    after = r.log.rsplit("@@ after", 1)[-1]   # the echo of the typed line comes first
    assert "/dev/sda" not in after.split("memhog:")[0], r.describe()
    assert r.log.count("memhog: verified 12 MiB") == 2, r.describe()
    assert re.search(r"memhog: keeping 12 MiB; kill -USR1 (\d+) verifies it, kill \1 frees it",
                     r.log), r.describe()
    assert re.search(r"^(?:# )*\[1\]\+  Terminated              memhog -k -s 7 12$", r.log, re.M)
    r.expect_status(0)


def test_ps_shows_a_swapped_out_init_by_its_command_line(boot, tmp_path):
    # Two passes of a hog bigger than RAM push all of the sleeping init to
    # swap, its argument page with the rest; /proc/1/cmdline (which ps reads)
    # faults it back in (access_remote_vm) instead of reading nothing.
    swap = copy_swap_img(tmp_path)
    script = ("\nmemhog -s 1 -r 2 56 > /dev/null\necho @@ status\ncat /proc/1/status\n"
              "echo @@ ps\nps\necho @@ cmdline\ncat /proc/1/cmdline\necho\n"
              "echo @@ environ\ncat /proc/1/environ\necho\necho @@ end\n"
              "cat /proc/1/status\nexit 0\n")
    r = boot(cmdline="console=ttyS0", input=script, mem="32M", disks=[swap])
    status = r.log.rsplit("@@ status", 1)[-1]
    rss = re.search(r"^VmRSS:\s+(\d+) kB$", status, re.M)
    assert rss and int(rss.group(1)) == 0, f"init was not all swapped out\n{r.describe()}"
    ps = r.log.rsplit("@@ ps", 1)[-1].split("@@ cmdline")[0]
    init = [l for l in ps.splitlines() if l.split()[:2] == ["1", "0"]]
    assert init and init[0].endswith(" /sbin/init"), f"{init}\n{r.describe()}"
    cmdline = r.log.rsplit("@@ cmdline\n", 1)[-1].split("\n")[0]
    assert cmdline.lstrip("# ").startswith("/sbin/init\0"), r.describe()   # then the next prompt
    environ = r.log.rsplit("@@ environ\n", 1)[-1].split("\n")[0].lstrip("# ")
    assert "HOME=/\0" in environ and "TERM=linux\0" in environ, r.describe()
    r.expect_status(0)
