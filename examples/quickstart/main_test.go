package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "mail")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run(t.Context(), []string{dir}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	for _, want := range []string{
		"    .Drafts/\n", "    .Junk/\n", "    .Sent/\n", "    .Trash/\n",
		"        maildirfolder (0 bytes)\n", "    subscriptions (", "    courierimapsubscribed (",
	} {
		assert.Contains(t, out, want)
	}
	delivered := regexp.MustCompile(`(?m)^ +\d+\.M\d+P\d+V[0-9a-f]+I[0-9a-f]+Q\d+R[0-9a-f]+\.[^,]+,S=(\d+),W=\d+ \((\d+) bytes\)$`)
	assert.Len(t, delivered.FindAllString(out, -1), 2, out)

	assert.Equal(t, 2, run(t.Context(), []string{"a", "b"}, &stdout, &stderr))
}
