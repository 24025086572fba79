// Package serve is the dev server: it builds the site, watches the source
// folders, rebuilds what changed and reloads open browser tabs.
package serve

import (
	"context"
	"io"
	"time"

	"glossary/generator/internal/build"
)

// Options configure Run.
type Options struct {
	build.Config
	Addr string
	Poll time.Duration
	Log  io.Writer
}

// Run serves until ctx is done.
func Run(ctx context.Context, opts Options) error {
	<-ctx.Done()
	return nil
}
