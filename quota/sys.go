package quota

import "syscall"

// syscallNoFollow refuses to follow a symbolic link in place of maildirsize.
const syscallNoFollow = syscall.O_NOFOLLOW
