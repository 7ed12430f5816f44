/** An upload that is not an image the tip channel takes; `reason` picks the Thai reply. */
export class ImageRejected extends Error {
  override name = 'ImageRejected';
  constructor(
    readonly reason: 'type' | 'damaged' | 'too-large',
    detail: string,
  ) {
    super(detail);
  }
}
