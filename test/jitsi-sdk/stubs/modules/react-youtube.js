// react-youtube: shared YouTube video player; needs network (YouTube iframe API).
export default function YouTube() { return null; }
