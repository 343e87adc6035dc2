package logrot

import "log/slog"

// Format selects the slog handler Logger builds.
type Format int

const (
	// Text selects slog.NewTextHandler (key=value), the zero value.
	Text Format = iota
	// JSON selects slog.NewJSONHandler (one JSON object per line).
	JSON
)

// Logger returns a *slog.Logger whose handler (text or JSON, with opts,
// which may be nil) writes to w, one Write and so one record per log call.
// When w adds a timestamp prefix, the handler leaves out its own top-level
// time attribute, which would repeat it. The logger stays valid as long as
// w is open; closing w is the caller's job.
func (w *Writer) Logger(f Format, opts *slog.HandlerOptions) *slog.Logger {
	var o slog.HandlerOptions
	if opts != nil {
		o = *opts
	}
	if w.opts.Timestamp != NoTimestamp {
		o.ReplaceAttr = dropTime(o.ReplaceAttr)
	}
	if f == JSON {
		return slog.New(slog.NewJSONHandler(w, &o))
	}
	return slog.New(slog.NewTextHandler(w, &o))
}

// dropTime wraps next so that the built-in top-level time attribute goes.
func dropTime(next func([]string, slog.Attr) slog.Attr) func([]string, slog.Attr) slog.Attr {
	return func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime {
			return slog.Attr{}
		}
		if next != nil {
			return next(groups, a)
		}
		return a
	}
}
