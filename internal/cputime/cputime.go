// Package cputime reads the CPU time of the calling thread, which the benchmarks and step
// timings of a search use: waiting for a core on a busy machine does not inflate it.
package cputime

import (
	"syscall"
	"time"
	"unsafe"
)

// Thread is the CPU time the calling thread has used (CLOCK_THREAD_CPUTIME_ID, Linux only;
// getrusage counts in scheduler ticks of 4 ms, too coarse for one search), or 0 if it cannot be
// read.
func Thread() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
