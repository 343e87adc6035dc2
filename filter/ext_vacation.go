package filter

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/foxcpp/go-sieve/interp"
	"github.com/foxcpp/go-sieve/parser"
)

// vacationCmd is the vacation command (RFC 5230, RFC 6131 :seconds).
type vacationCmd struct {
	pos        Pos
	days       int
	seconds    int
	hasDays    bool
	hasSeconds bool
	subject    string
	from       string
	fromSet    bool // :from was given, even as ""
	handle     string
	addresses  []string
	mime       bool
	reason     string
}

func (c *compiler) vacation(u *unit, pc parser.Cmd, pos Pos) (interp.Cmd, error) {
	if !u.has("vacation") {
		return nil, scriptErr(u.file, pc.Position, "vacation requires the vacation extension")
	}
	v := &vacationCmd{pos: pos}
	spec := &interp.Spec{
		Tags: map[string]interp.SpecTag{
			"days":      {NeedsValue: true, MatchNum: func(n int) { v.days, v.hasDays = n, true }},
			"subject":   {NeedsValue: true, MaxStrCount: 1, MatchStr: func(s []string) { v.subject = s[0] }},
			"from":      {NeedsValue: true, MaxStrCount: 1, MatchStr: func(s []string) { v.from, v.fromSet = s[0], true }},
			"handle":    {NeedsValue: true, MaxStrCount: 1, MatchStr: func(s []string) { v.handle = s[0] }},
			"addresses": {NeedsValue: true, MatchStr: func(s []string) { v.addresses = s }},
			"mime":      {MatchBool: func() { v.mime = true }},
		},
		Pos: []interp.SpecPosArg{{MinStrCount: 1, MaxStrCount: 1, MatchStr: func(s []string) { v.reason = s[0] }}},
	}
	if u.has("vacation-seconds") {
		spec.Tags["seconds"] = interp.SpecTag{NeedsValue: true, MatchNum: func(n int) { v.seconds, v.hasSeconds = n, true }}
	}
	if err := interp.LoadSpec(u.base, spec, pc.Position, cloneArgs(pc.Args), pc.Tests, pc.Block); err != nil {
		return nil, mapError(u.file, pc.Position, err)
	}
	if v.hasDays && v.hasSeconds {
		return nil, scriptErr(u.file, pc.Position, "vacation: :days and :seconds are exclusive")
	}
	if err := checkVacationAddresses(u, v); err != nil {
		return nil, scriptErr(u.file, pc.Position, err.Error())
	}
	if v.handle == "" {
		v.handle = synthHandle(v)
	}
	return v, nil
}

// synthHandle identifies a response without :handle from its unexpanded
// arguments, as Pigeonhole does.
func synthHandle(v *vacationCmd) string {
	var b strings.Builder
	b.WriteString(v.reason)
	b.WriteString(orDefault(v.subject, "<default-subject>"))
	b.WriteString(orDefault(v.from, "<default-from>"))
	if v.mime {
		b.WriteString("<MIME>")
	} else {
		b.WriteString("<NO-MIME>")
	}
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func checkVacationAddresses(u *unit, v *vacationCmd) error {
	if v.fromSet && !hasVariable(u, v.from) {
		if _, err := parseMailbox(v.from); err != nil {
			return fmt.Errorf("vacation: invalid :from address %q: %w", v.from, err)
		}
	}
	return nil
}

// Execute implements interp.Cmd.
func (v *vacationCmd) Execute(ctx context.Context, d *interp.RuntimeData) error {
	st := stateOf(ctx)
	st.pos = v.pos
	st.traceCommand(v.pos, "vacation")
	if st.vacation {
		return errors.New("duplicate vacation action not allowed")
	}
	st.vacation = true
	if err := st.checkConflicts(); err != nil {
		return err
	}
	addresses := ownAddresses(d, v.addresses)
	reply, err := st.shouldReply(ctx, addresses, expand(d, v.handle))
	if err != nil || !reply {
		return err
	}
	act := Vacation{
		To:        st.in.Envelope.From,
		Subject:   st.vacationSubject(expand(d, v.subject)),
		From:      expand(d, v.from),
		Reason:    expand(d, v.reason),
		MIME:      v.mime,
		Handle:    expand(d, v.handle),
		Period:    st.vacationPeriod(v),
		Addresses: addresses,
		Pos:       v.pos,
	}
	act.InReplyTo, act.References = st.threading()
	st.count++
	if st.count > st.s.limits.MaxActions {
		return fmt.Errorf("too many actions (limit %d)", st.s.limits.MaxActions)
	}
	st.actions = append(st.actions, act)
	return nil
}

// vacationPeriod clamps :days or :seconds to the configured range.
func (st *runState) vacationPeriod(v *vacationCmd) time.Duration {
	o := st.s.vac
	p := o.DefaultPeriod
	switch {
	case v.hasSeconds:
		p = time.Duration(v.seconds) * time.Second
	case v.hasDays:
		p = time.Duration(v.days) * 24 * time.Hour
	}
	if p < o.MinPeriod {
		p = o.MinPeriod
	}
	if o.MaxPeriod > 0 && p > o.MaxPeriod {
		p = o.MaxPeriod
	}
	return p
}

// vacationSubject applies the subject rules: :subject if non-empty, else
// "Auto: " and the original subject (decoded, trailing white space kept),
// else "Automated reply"; then sanitizeSubject.
func (st *runState) vacationSubject(subject string) string {
	if subject == "" {
		if orig := st.msg.subjects; len(orig) > 0 {
			subject = "Auto: " + orig[0]
		} else {
			subject = "Automated reply"
		}
	}
	return sanitizeSubject(subject, st.s.vac.MaxSubjectRunes)
}

// threading returns In-Reply-To and References for the reply.
func (st *runState) threading() (inReplyTo, references string) {
	id, ok := st.msg.header("message-id")
	id = strings.TrimSpace(id)
	if !ok || id == "" {
		return "", ""
	}
	refs, _ := st.msg.header("references")
	refs = strings.TrimSpace(refs)
	if refs == "" {
		return id, id
	}
	return id, refs + " " + id
}

// expand replaces variable references when the running script requires
// "variables".
func expand(d *interp.RuntimeData, s string) string {
	if !d.Script.RequiresExtension("variables") || !strings.Contains(s, "${") {
		return s
	}
	return varRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[2 : len(ref)-1]
		if n, err := strconv.Atoi(name); err == nil {
			return d.MatchVariable(n)
		}
		v, err := d.Var(name)
		if err != nil {
			return ""
		}
		return v
	})
}
