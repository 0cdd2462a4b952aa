/** Smoke test: mongoose 9, unmodified, against the embedded server. */
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../src/store/embedded-mongo/index.js';

let server: EmbeddedMongo;
let connection: mongoose.Connection;

beforeAll(async () => {
  server = await startEmbeddedMongo();
  connection = await mongoose.createConnection(server.uri, { dbName: 'mongoose_smoke', serverSelectionTimeoutMS: 2000 }).asPromise();
});

afterAll(async () => {
  await connection.close();
  await server.close();
});

interface Learner {
  ref: string;
  name: string;
  stage: number;
  startedAt: Date;
  coach?: mongoose.Types.ObjectId;
}

it('runs a model with a unique index: init, create, duplicate, find, update, count, delete', async () => {
  const schema = new Schema<Learner>({
    ref: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    stage: { type: Number, default: 1 },
    startedAt: { type: Date, required: true },
    coach: { type: Schema.Types.ObjectId },
  });
  const Learner = connection.model<Learner>('Learner', schema);
  await Learner.init();
  const indexes = await Learner.collection.listIndexes().toArray();
  expect(indexes.map((index) => index.name)).toEqual(['_id_', 'ref_1']);
  // A second process (or a restart against `waymark db`) finds the collection and index there.
  await connection.model<Learner>('LearnerAgain', schema, 'learners').init();

  const coach = new mongoose.Types.ObjectId();
  const ada = await Learner.create({ ref: 'L1', name: 'Ada', startedAt: new Date('2026-09-01T00:00:00Z'), coach });
  await Learner.create({ ref: 'L2', name: 'Bob', startedAt: new Date('2026-09-02T00:00:00Z') });
  await expect(Learner.create({ ref: 'L1', name: 'Dup', startedAt: new Date() })).rejects.toMatchObject({
    code: 11000,
    keyValue: { ref: 'L1' },
    message: expect.stringMatching(/^E11000 duplicate key error collection: mongoose_smoke\.learners index: ref_1 dup key: \{ ref: "L1" \}/),
  });

  const found = await Learner.findOne({ coach }).lean();
  expect(found).toMatchObject({ ref: 'L1', name: 'Ada', stage: 1 });
  expect(found?._id.equals(ada._id)).toBe(true);
  expect(found?.startedAt).toEqual(new Date('2026-09-01T00:00:00Z'));

  expect(await Learner.find({ startedAt: { $gte: new Date('2026-09-02T00:00:00Z') } }).countDocuments()).toBe(1);
  expect(await Learner.updateOne({ ref: 'L2' }, { $inc: { stage: 1 } })).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
  const updated = await Learner.findOneAndUpdate({ ref: 'L2', stage: 2 }, { $set: { name: 'Robert' } }, { returnDocument: 'after' }).lean();
  expect(updated).toMatchObject({ ref: 'L2', name: 'Robert', stage: 2 });
  expect(await Learner.countDocuments({ stage: { $in: [1, 2] } })).toBe(2);
  const sorted = await Learner.find().sort({ name: -1 }).select('name -_id').lean();
  expect(sorted).toEqual([{ name: 'Robert' }, { name: 'Ada' }]);
  expect(await Learner.deleteMany({})).toMatchObject({ deletedCount: 2 });
  expect(await Learner.countDocuments()).toBe(0);
});
