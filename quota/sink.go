package quota

import (
	"context"
	"log/slog"
)

// UsageSink receives an account's usage after each delivery and
// recalculation, e.g. to show it in an admin UI. Implementations must be
// safe for concurrent use. Errors are logged by the Keeper and never fail
// a delivery.
type UsageSink interface {
	ReportUsage(ctx context.Context, user string, u Usage) error
}

// report hands u to the sink, logging a failure.
func (k *Keeper) report(ctx context.Context, acct Account, u Usage) {
	if k.opts.Sink == nil {
		return
	}
	if err := k.opts.Sink.ReportUsage(context.WithoutCancel(ctx), acct.User, u); err != nil {
		k.log.LogAttrs(ctx, slog.LevelWarn, "quota: usage sink",
			slog.Any("err", err), slog.String("user", acct.User))
	}
}
