package ocr

// SetScale changes the sizes pictures are scaled to, for the measure that chose them; it
// returns a function that restores them.
func SetScale(minLong, maxLong int, upscale float64) (restore func()) {
	m, x, u := minSide, maxSide, maxUpscale
	minSide, maxSide, maxUpscale = minLong, maxLong, upscale
	return func() { minSide, maxSide, maxUpscale = m, x, u }
}

// SetMaskLightText turns the reading of light text on or off, for the measure that shows what
// it brings; it returns a function that restores it.
func SetMaskLightText(on bool) (restore func()) {
	was := maskLightText
	maskLightText = on
	return func() { maskLightText = was }
}
