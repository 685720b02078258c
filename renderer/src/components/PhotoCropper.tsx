// One-inch photo (一寸, 25 × 35 mm) taken from a file: cropped to the 5:7 ratio, moved with a slider,
// saved as a 295 × 413 px JPEG (one inch at 300 dpi), well under the server's 2 MB limit.
import { useEffect, useRef, useState } from 'react';
import { Button, Slider, Space, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';

const OUT_W = 295;
const OUT_H = 413;
const RATIO = 25 / 35;

export function cropToOneInch(img: HTMLImageElement, offset: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = OUT_W;
  canvas.height = OUT_H;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, OUT_W, OUT_H);
  const { naturalWidth: w, naturalHeight: h } = img;
  // The largest 5:7 window inside the picture; `offset` (0–1) slides it along the spare axis.
  let cw = w;
  let ch = w / RATIO;
  if (ch > h) {
    ch = h;
    cw = h * RATIO;
  }
  const sx = (w - cw) * (h * RATIO >= w ? 0.5 : offset);
  const sy = (h - ch) * (h * RATIO >= w ? offset : 0.5);
  g.drawImage(img, sx, sy, cw, ch, 0, 0, OUT_W, OUT_H);
  const url = canvas.toDataURL('image/jpeg', 0.9);
  return url.slice(url.indexOf(',') + 1);
}

/** Shows the current photo and lets the officer pick a new one; reports the cropped JPEG (base64). */
export function PhotoCropper({ initial, onChange }: { initial: string | null; onChange: (base64: string | null) => void }) {
  const { t } = useI18n();
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [offset, setOffset] = useState(0.3);
  const [preview, setPreview] = useState<string | null>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const report = useRef(onChange);
  report.current = onChange;

  useEffect(() => setPreview(initial), [initial]);
  useEffect(() => {
    if (!image) return;
    const b64 = cropToOneInch(image, offset);
    setPreview(b64);
    report.current(b64);
  }, [image, offset]);

  const load = (file: File) => {
    setProblem(null);
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      // A wide snapshot is cropped from its middle; a tall one a little above the middle, where the head is.
      setOffset(img.naturalWidth / img.naturalHeight > RATIO ? 0.5 : 0.3);
      setImage(img);
      URL.revokeObjectURL(url);
    };
    img.onerror = () => setProblem(t('photo.unreadable', { name: file.name }));
    img.src = url;
    return false;
  };

  return (
    <Space align="start" size={16}>
      <div className="photo-frame" data-testid="photo-preview">
        {preview ? <img alt={t('photo.alt')} src={`data:image/jpeg;base64,${preview}`} /> : <span className="muted">{t('photo.none')}</span>}
      </div>
      <Space direction="vertical" size={6} style={{ width: 220 }}>
        <Upload accept="image/jpeg,image/png" showUploadList={false} beforeUpload={load}>
          <Button icon={<CameraOutlined />}>{t('photo.choose')}</Button>
        </Upload>
        {image ? (
          <>
            <span className="muted" style={{ fontSize: 12 }}>{t('photo.move')}</span>
            <Slider min={0} max={1} step={0.01} value={offset} onChange={setOffset} tooltip={{ open: false }} />
          </>
        ) : null}
        <span className="muted" style={{ fontSize: 12 }}>{t('photo.hint')}</span>
        {problem ? <span style={{ color: '#d4380d' }}>{problem}</span> : null}
        {preview ? (
          <Button
            size="small"
            type="link"
            danger
            style={{ padding: 0 }}
            onClick={() => {
              setImage(null);
              setPreview(null);
              onChange(null);
            }}
          >
            {t('photo.remove')}
          </Button>
        ) : null}
      </Space>
    </Space>
  );
}
