UNIT_TESTS += ext2
ext2_SRCS := fs/ext2/super.c fs/ext2/balloc.c fs/ext2/ialloc.c fs/ext2/inode.c fs/ext2/dir.c \
             fs/ext2/namei.c fs/ext2/xattr.c fs/inode.c fs/read_write.c tests/unit/ext2_host.c tests/unit/ext2_hostio.c tests/unit/ext2_image.c \
             tests/unit/fs_fake.c
