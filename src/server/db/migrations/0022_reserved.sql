-- Reserved for issue 16's two-step sign-in (branch i16-totp), which brings its own 0022. This
-- empty stand-in only keeps the numbering without a gap on the notifications branch (0023):
-- drop this file when the two branches meet.
SELECT 1;
