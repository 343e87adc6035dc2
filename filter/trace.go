package filter

import (
	"strconv"
	"strings"

	"github.com/foxcpp/go-sieve/parser"
)

// TraceKind tells what a TraceEvent reports.
type TraceKind int

const (
	// TraceTest is the test of an if or elsif that was evaluated.
	TraceTest TraceKind = iota + 1
	// TraceCommand is a command that ran: keep, fileinto, redirect,
	// reject, ereject, discard, vacation, setflag, addflag, removeflag or
	// set.
	TraceCommand
)

// String returns "test" or "command".
func (k TraceKind) String() string {
	switch k {
	case TraceTest:
		return "test"
	case TraceCommand:
		return "command"
	}
	return "TraceKind(" + strconv.Itoa(int(k)) + ")"
}

// TraceEvent is one step of a run, reported to Input.Trace.
type TraceEvent struct {
	// Kind says whether a test or a command is reported.
	Kind TraceKind
	// Pos is where the test or the command starts.
	Pos Pos
	// Text is, for a test, its source in a canonical form (tags, strings
	// and string lists as Sieve writes them, e.g.
	// `header :contains "subject" "sale"`); for a command, its name in
	// lower case.
	Text string
	// Matched is true when the test was true; false for commands.
	Matched bool
}

// traceTest is an if or elsif test as the trace shows it.
type traceTest struct {
	pos Pos
	src parser.Test // rendered only when a trace asks for it
}

// traceTest reports a test result when the run is traced.
func (st *runState) traceTest(t traceTest, matched bool) {
	if st.in.Trace != nil {
		st.in.Trace(TraceEvent{Kind: TraceTest, Pos: t.pos, Text: testText(t.src), Matched: matched})
	}
}

// traceCommand reports a command when the run is traced.
func (st *runState) traceCommand(pos Pos, name string) {
	if st.in.Trace != nil {
		st.in.Trace(TraceEvent{Kind: TraceCommand, Pos: pos, Text: name})
	}
}

// testText renders a test in canonical Sieve form.
func testText(t parser.Test) string {
	var b strings.Builder
	writeTest(&b, t)
	return b.String()
}

func writeTest(b *strings.Builder, t parser.Test) {
	b.WriteString(strings.ToLower(t.Id))
	for _, a := range t.Args {
		b.WriteByte(' ')
		writeArg(b, a)
	}
	if strings.EqualFold(t.Id, "not") && len(t.Tests) == 1 {
		b.WriteByte(' ')
		writeTest(b, t.Tests[0])
		return
	}
	if len(t.Tests) == 0 {
		return
	}
	b.WriteString(" (")
	for i, sub := range t.Tests {
		if i > 0 {
			b.WriteString(", ")
		}
		writeTest(b, sub)
	}
	b.WriteByte(')')
}

func writeArg(b *strings.Builder, a parser.Arg) {
	switch a := a.(type) {
	case parser.TagArg:
		b.WriteString(":" + strings.ToLower(a.Value))
	case parser.NumberArg:
		b.WriteString(strconv.Itoa(a.Value))
	case parser.StringArg:
		writeQuoted(b, a.Value)
	case parser.StringListArg:
		b.WriteByte('[')
		for i, s := range a.Value {
			if i > 0 {
				b.WriteString(", ")
			}
			writeQuoted(b, s)
		}
		b.WriteByte(']')
	}
}

// writeQuoted writes s as a Sieve quoted string.
func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
}
