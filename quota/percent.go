package quota

// Percent returns how full a quota is, as Courier computes it for quota
// warnings: the larger of the byte and message percentages, rounded down;
// 100 when usage exceeds a limit; 0 without limits. For byte limits above
// 20,000,000 both numbers are divided by 1024 first, as Courier does to
// avoid overflow, which this function reproduces for identical results.
func Percent(u, limit Usage) int {
	pb, overB := onePercent(u.Bytes, limit.Bytes)
	pm, overM := onePercent(u.Messages, limit.Messages)
	if overB || overM {
		return 100
	}
	return max(pb, pm, 0)
}

func onePercent(size, quota int64) (percent int, over bool) {
	if quota <= 0 {
		return 0, false
	}
	if size > quota {
		return 100, true
	}
	x := int64(1)
	if quota > 20_000_000 {
		x = 1024
	}
	return int((size / x) * 100 / (quota / x)), false
}
