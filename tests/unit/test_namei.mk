UNIT_TESTS += namei
namei_SRCS := fs/inode.c fs/ramfs.c fs/ramfs_file.c fs/namei.c fs/namei_ops.c fs/namespace.c fs/d_path.c fs/file_table.c fs/char_dev.c \
              fs/read_write.c fs/initramfs.c fs/cpio.c tests/unit/fs_fake.c tests/unit/fs_helpers.c
