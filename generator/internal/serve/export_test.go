package serve

import "time"

// Tuning lets the external tests change what tuning holds. A Quiet of a
// nanosecond stands for none: zero keeps the default.
type Tuning struct {
	Quiet, MaxDelay time.Duration
	Polled          func()
	WatchErr        func(dir string) error
}

// Tune returns opts with t's settings.
func Tune(opts Options, t Tuning) Options {
	opts.tuning = tuning{quiet: t.Quiet, maxDelay: t.MaxDelay, polled: t.Polled, watchErr: t.WatchErr}
	return opts
}
