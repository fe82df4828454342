"""The foundation: the kernel boots both ways and follows the exit protocol."""


def test_boot_with_qemu_kernel_runs_init_and_exits_by_the_protocol(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/true")
    assert "Tidemark version" in r.log, r.describe()
    assert "Kernel command line: " in r.log
    r.expect_status(0)                      # QEMU exited 33
    assert "init exited with status 0" in r.log


def test_boot_from_iso_through_grub(boot):
    # grub.cfg starts the default init, an interactive shell that waits for
    # input; GRUB reads the serial line too, so nothing is typed: the boot is
    # cut off once the shell has had ample time to print its prompt.
    r = boot(iso=True, timeout=40)
    assert "Tidemark version" in r.log, r.describe()
    # grub.cfg passes console=ttyS0 console=tty0.
    assert "Kernel command line: console=ttyS0 console=tty0" in r.log, r.describe()
    assert "Run /sbin/init as init process" in r.log, r.describe()
    assert r.log.count("Booting `Tidemark'") == 1, r.describe()   # GRUB's line, once
    assert r.log.rstrip().endswith("#"), r.describe()      # sh -i's prompt
    r.expect_clean()


def test_unknown_parameters_are_logged_and_ignored(boot):
    r = boot(cmdline="console=ttyS0 frobnicate=7 sparkle init=/bin/true")
    assert 'Unknown kernel command line parameters "frobnicate=7 sparkle"' in r.log, r.describe()
    r.expect_status(0)
