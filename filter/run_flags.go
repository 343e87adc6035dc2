package filter

import (
	"context"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
)

// flagCmd runs setflag, addflag and removeflag (RFC 5232) itself: flags
// compare without regard to case (go-sieve compares octets), so addflag
// "$work" after "$Work" keeps one, and removeflag "\\SEEN" removes "\\Seen".
func flagCmd(ctx context.Context, d *interp.RuntimeData, inner interp.Cmd) error {
	var variable string
	var flags []string
	var op func(cur, given []string) []string
	switch c := inner.(type) {
	case interp.CmdSetFlag:
		variable, flags, op = c.Variable, c.Flags, func(_, given []string) []string { return given }
	case interp.CmdAddFlag:
		variable, flags, op = c.Variable, c.Flags, func(cur, given []string) []string { return append(cur, given...) }
	case interp.CmdRemoveFlag:
		variable, flags, op = c.Variable, c.Flags, removeFlags
	default:
		return inner.Execute(ctx, d)
	}
	var given []string
	for _, f := range flags {
		given = append(given, strings.Fields(expand(d, f))...)
	}
	if variable == "" {
		d.Flags = dedupeFlags(op(append([]string(nil), d.Flags...), given))
		return nil
	}
	val, err := d.Var(variable)
	if err != nil {
		return err
	}
	return d.SetVar(variable, strings.Join(dedupeFlags(op(strings.Fields(val), given)), " "))
}

func removeFlags(cur, given []string) []string {
	drop := map[string]bool{}
	for _, f := range given {
		drop[strings.ToLower(f)] = true
	}
	var out []string
	for _, f := range cur {
		if !drop[strings.ToLower(f)] {
			out = append(out, f)
		}
	}
	return out
}

// dedupeFlags drops later spellings of a flag already present.
func dedupeFlags(flags []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, f := range flags {
		if l := strings.ToLower(f); !seen[l] {
			seen[l] = true
			out = append(out, f)
		}
	}
	return out
}
