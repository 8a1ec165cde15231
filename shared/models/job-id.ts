/**
 * What a job id may be: it names the job in `delegate run ID`, in the history and in its lock file.
 */
export const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
