import path from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { trayImageFile, trayImageFor, trayMenuItems, trayTitle, trayTooltip, type TrayAction, type TrayState } from './tray-state';

export interface AlertTrayOptions {
  /** Folder holding the tray images (see trayImageDir). */
  imageDir: string;
  onAction: (action: TrayAction) => void;
  /** A click on the icon itself (Windows, macOS without a menu open): bring the console forward. */
  onClick: () => void;
  describeTime: (instant: number) => string;
  platform?: NodeJS.Platform;
  log?: (message: string) => void;
}

/** The menu Electron builds from our items: labels, check box and enabled state come from tray-state. */
export function trayMenuTemplate(items: ReturnType<typeof trayMenuItems>, onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  for (const item of items) {
    if (item.action === 'quit') template.push({ type: 'separator' });
    template.push({
      label: item.label,
      enabled: item.enabled,
      ...(item.checked === undefined ? {} : { type: 'checkbox' as const, checked: item.checked }),
      click: () => onAction(item.action),
    });
  }
  return template;
}

/**
 * The tray icon: its image (normal, or a badge with the count in amber for at risk or red for
 * breached), its tooltip, and its menu. Created once; `show` updates it in place.
 */
export class AlertTray {
  private readonly tray: Tray;
  private readonly images = new Map<string, NativeImage>();
  private readonly log: (message: string) => void;
  private lastFile = '';

  constructor(private readonly options: AlertTrayOptions) {
    this.log = options.log ?? console.warn;
    this.tray = new Tray(this.image('tray-normal.png'));
    this.lastFile = 'tray-normal.png';
    this.tray.on('click', () => options.onClick());
  }

  show(state: TrayState): void {
    const file = trayImageFile(trayImageFor(state.summary));
    if (file !== this.lastFile) {
      this.tray.setImage(this.image(file));
      this.lastFile = file;
    }
    this.tray.setToolTip(trayTooltip(state, this.options.describeTime));
    if ((this.options.platform ?? process.platform) === 'darwin') this.tray.setTitle(trayTitle(state));
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(trayMenuItems(state, this.options.describeTime), this.options.onAction)));
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private image(file: string): NativeImage {
    let image = this.images.get(file);
    if (!image) {
      image = nativeImage.createFromPath(path.join(this.options.imageDir, file));
      if (image.isEmpty()) this.log(`deskwatch: the tray image ${file} is missing from ${this.options.imageDir}`);
      this.images.set(file, image);
    }
    return image;
  }
}
