"""The kernel's cpio walker and ELF checks on the real initramfs module (ktest suite initramfs)."""


def test_initramfs_programs_pass_the_kernels_elf_checks(boot):
    r = boot(cmdline="console=ttyS0 ktest=initramfs")
    assert "ok 1 boot_modules_hold_the_programs" in r.log, r.describe()
    assert "not ok" not in r.log, r.describe()
    r.expect_status(0)


def test_without_modules_the_suite_says_it_skipped(boot):
    r = boot(cmdline="console=ttyS0 ktest=initramfs", initrd=[])
    assert "ok 1 boot_modules_hold_the_programs # SKIP no boot modules" in r.log, r.describe()
    r.expect_status(0)
