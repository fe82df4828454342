"""The foundation: the kernel boots both ways and follows the exit protocol."""


def test_boot_with_qemu_kernel_reaches_start_kernel(boot):
    r = boot(cmdline="console=ttyS0 init=/bin/nonexistent")
    assert "Tidemark version" in r.log, r.describe()
    assert "Kernel command line: " in r.log


def test_boot_from_iso_through_grub(boot):
    r = boot(iso=True)
    assert "Tidemark version" in r.log, r.describe()
    # grub.cfg passes console=ttyS0 console=tty0.
    assert "Kernel command line: console=ttyS0 console=tty0" in r.log, r.describe()


def test_unknown_parameters_are_logged_and_ignored(boot):
    r = boot(cmdline="console=ttyS0 frobnicate=7 sparkle")
    assert 'Unknown kernel command line parameters "frobnicate=7 sparkle"' in r.log, r.describe()
