/* sync: write every dirty page and block back to the disks (sync(2)). */
#include <unistd.h>

int main(void)
{
	sync();
	return 0;
}
